import { Controller, Delete, Get, Post, SetMetadata } from '@nestjs/common';
import { describeAccess, routeAccessRows, undeclaredRoutes } from './route-access';

const KEY = 'test:route-access';
const Roles = (role: string) => SetMetadata(KEY, { kind: 'staff', role });
const Public = () => SetMetadata(KEY, { kind: 'public' });

@Controller('api/things')
class ThingsController {
  @Public()
  @Get()
  list() {
    return [];
  }

  @Roles('admin')
  @Delete(':id')
  remove() {
    return undefined;
  }

  @Post(':id/forgotten')
  forgotten() {
    return undefined;
  }

  helper() {
    return 'not a route';
  }
}

/** A class-level declaration does not count: each route says it on its own handler. */
@Roles('viewer')
@Controller()
class ClassLevelController {
  @Get('health-ish')
  get() {
    return 'ok';
  }
}

describe('route access rows', () => {
  const rows = routeAccessRows([ThingsController, ClassLevelController], KEY);

  it('lists each route with its full path, method and declared access', () => {
    expect(rows).toEqual([
      { handler: 'ThingsController.list', method: 'GET', path: '/api/things', access: 'Public' },
      { handler: 'ThingsController.remove', method: 'DELETE', path: '/api/things/:id', access: "Roles('admin')" },
      { handler: 'ThingsController.forgotten', method: 'POST', path: '/api/things/:id/forgotten', access: null },
      { handler: 'ClassLevelController.get', method: 'GET', path: '/health-ish', access: null },
    ]);
  });

  it('names the routes that declare nothing', () => {
    expect(undeclaredRoutes(rows)).toEqual(['POST /api/things/:id/forgotten (ThingsController.forgotten)', 'GET /health-ish (ClassLevelController.get)']);
  });

  it('writes each kind as its decorator reads', () => {
    expect(describeAccess({ kind: 'visitor', header: 'x-conversation-token' })).toBe("Visitor('x-conversation-token')");
    expect(describeAccess(undefined)).toBeNull();
  });
});
