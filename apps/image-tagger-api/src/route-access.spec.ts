import { controllerClassesUnder, documentedRouteAccess, routeAccessRows, undeclaredRoutes } from '@matrix/dev-harness';
import { ROUTE_ACCESS } from '@matrix/product-server';

// Issue 14: every route declares who may call it (deny by default). Walks every controller class
// under src/ through Nest's metadata, so a route added without @Public/@Roles/@Visitor fails here,
// and keeps docs/access.md (the table reviewers read) true to the code.
describe('image-tagger-api route access', () => {
  const rows = routeAccessRows(controllerClassesUnder(__dirname), ROUTE_ACCESS);

  it('finds the controllers', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it('declares access on every route handler', () => {
    expect(undeclaredRoutes(rows)).toEqual([]);
  });

  it('matches docs/access.md', () => {
    expect(rows.map(({ method, path, access }) => ({ method, path, access }))).toEqual(documentedRouteAccess('image-tagger'));
  });
});
