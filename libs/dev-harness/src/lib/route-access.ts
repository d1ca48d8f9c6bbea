import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { CONTROLLER_WATERMARK, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { workspaceRoot } from '@matrix/paths';

/** One route of a controller and the access it declares on its handler (issue 14: every route says who may call it). */
export interface RouteAccessRow {
  /** `ArticlesController.update` */
  handler: string;
  method: string;
  /** `/api/articles/:id` */
  path: string;
  /** As written: `Public`, `Roles('admin')`, `Visitor('x-conversation-token')`; null when the handler declares nothing. */
  access: string | null;
}

/**
 * A route's access as @matrix/product-server's decorators store it (structurally: this testing lib
 * does not import product-server, whose server code would then be typechecked with every web app
 * that uses the harness).
 */
export interface DeclaredAccess {
  kind: 'public' | 'staff' | 'visitor';
  role?: string;
  header?: string;
}

/** The access of a route as its decorator reads. */
export function describeAccess(access: DeclaredAccess | undefined): string | null {
  if (!access) return null;
  if (access.kind === 'public') return 'Public';
  if (access.kind === 'staff') return `Roles('${access.role}')`;
  return `Visitor('${access.header}')`;
}

const joinPath = (...parts: Array<string | undefined>) =>
  '/' +
  parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/');

/** Nest controller classes (classes carrying @Controller) among a module's exports. */
function controllersOf(exports: Record<string, unknown>): Array<abstract new (...args: never[]) => unknown> {
  return Object.values(exports).filter(
    (value): value is abstract new (...args: never[]) => unknown => typeof value === 'function' && Reflect.getMetadata(CONTROLLER_WATERMARK, value) === true,
  );
}

/**
 * Every controller class defined under `dir` (the files that contain `@Controller(`; specs and
 * test folders skipped), required and read through Nest's metadata. Finding them by file, not by
 * module wiring, means a controller cannot escape the check by living in a module of its own.
 */
export function controllerClassesUnder(dir: string): Array<abstract new (...args: never[]) => unknown> {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'test') walk(path);
      } else if (/\.ts$/.test(entry.name) && !/\.(spec|test|d)\.ts$/.test(entry.name) && readFileSync(path, 'utf8').includes('@Controller(')) {
        files.push(path);
      }
    }
  };
  walk(dir);
  return [...new Set(files.sort().flatMap((file) => controllersOf(require(file) as Record<string, unknown>)))];
}

/**
 * Each route (HTTP method + full path) of the controllers, with the access its handler declares
 * under `accessKey` (pass `ROUTE_ACCESS` from @matrix/product-server).
 */
export function routeAccessRows(controllers: ReadonlyArray<abstract new (...args: never[]) => unknown>, accessKey: string): RouteAccessRow[] {
  const rows: RouteAccessRow[] = [];
  for (const controller of controllers) {
    const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined].flat();
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = name === 'constructor' ? undefined : Object.getOwnPropertyDescriptor(prototype, name)?.value;
      if (typeof handler !== 'function') continue;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
      const access = describeAccess(Reflect.getMetadata(accessKey, handler) as DeclaredAccess | undefined);
      for (const prefix of prefixes) {
        for (const path of [paths].flat()) rows.push({ handler: `${controller.name}.${name}`, method, path: joinPath(prefix, path), access });
      }
    }
  }
  return rows.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** `GET /api/x` of every route that declares no access (what a new route added without a decorator shows up as). */
export function undeclaredRoutes(rows: readonly RouteAccessRow[]): string[] {
  return rows.filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.handler})`);
}

/** The rows of docs/access.md for one product: `| product | method | path | access | why |`. */
export function documentedRouteAccess(product: string, file = join(workspaceRoot(), 'docs', 'access.md')): Array<Omit<RouteAccessRow, 'handler'>> {
  const rows: Array<Omit<RouteAccessRow, 'handler'>> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim().replace(/^`|`$/g, ''));
    if (cells.length < 5 || cells[0] !== product) continue;
    rows.push({ method: cells[1], path: cells[2], access: cells[3] });
  }
  return rows.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/**
 * The route-access spec of one product API (`apps/<app>/src/route-access.spec.ts`, issue 14: every route declares
 * who may call it, deny by default): walks every controller class under `srcDir` through Nest's metadata, so a route
 * added without @Public/@Roles/@Visitor fails, and keeps docs/access.md (the table reviewers read) true to the code.
 * Call it at the top level of a spec file (it declares a Jest `describe` block); `accessKey` is `ROUTE_ACCESS` from
 * @matrix/product-server, passed in so this lib does not import the server code.
 */
export function describeRouteAccess(app: string, product: string, srcDir: string, accessKey: string): void {
  describe(`${app} route access`, () => {
    const rows = routeAccessRows(controllerClassesUnder(srcDir), accessKey);

    it('finds the controllers', () => {
      expect(rows.length).toBeGreaterThan(0);
    });

    it('declares access on every route handler', () => {
      expect(undeclaredRoutes(rows)).toEqual([]);
    });

    it('matches docs/access.md', () => {
      expect(rows.map(({ method, path, access }) => ({ method, path, access }))).toEqual(documentedRouteAccess(product));
    });
  });
}
