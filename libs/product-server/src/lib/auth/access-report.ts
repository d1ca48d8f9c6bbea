import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ROUTE_ACCESS, type RouteAccess } from './access';

/**
 * The access every route of a Nest app declares, read from the controllers themselves (the same
 * metadata the auth guard reads), so tools can compare what a route declares with what it does:
 * `workspace-tools:security-audit` reads it from the OpenAPI document, where each operation carries it
 * as `x-access` (see annotateOpenApiAccess). A route that declares nothing reports `{kind: 'undeclared'}`
 * and is treated as admin-only (deny by default).
 */
export type DeclaredAccess = RouteAccess | { kind: 'undeclared' };

export interface RouteAccessEntry {
  /** Upper-case HTTP method (GET, POST, …; ALL for @All). */
  method: string;
  /** The route in OpenAPI form: `/api/articles/{id}`. */
  path: string;
  access: DeclaredAccess;
  /** `<Controller>_<handler>`: the OpenAPI operationId Nest's Swagger module gives the route. */
  operationId: string;
}

const joinPath = (...parts: string[]) =>
  (
    '/' +
    parts
      .flatMap((part) => part.split('/'))
      .filter(Boolean)
      .join('/')
  ).replace(/:(\w+)\??/g, '{$1}');

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [value === undefined ? '' : String(value)]);

/** Every route of `app` with its declared access, sorted by path then method. */
export function routeAccessReport(app: INestApplication): RouteAccessEntry[] {
  const scanner = new MetadataScanner();
  const entries: RouteAccessEntry[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const classAccess = Reflect.getMetadata(ROUTE_ACCESS, controller) as RouteAccess | undefined;
      const bases = asList(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const routePath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (routePath === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
        const access = (Reflect.getMetadata(ROUTE_ACCESS, handler) as RouteAccess | undefined) ?? classAccess ?? { kind: 'undeclared' };
        for (const base of bases) {
          for (const path of asList(routePath)) {
            entries.push({ method, path: joinPath(base, path), access, operationId: `${controller.name}_${name}` });
          }
        }
      }
    }
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Puts each route's declared access on its OpenAPI operation as `x-access` (matched by operationId, else by method and path). */
export function annotateOpenApiAccess(document: OpenAPIObject, report: RouteAccessEntry[]): OpenAPIObject {
  const byOperation = new Map(report.map((entry) => [entry.operationId, entry.access]));
  const byRoute = new Map(report.map((entry) => [`${entry.method} ${entry.path}`, entry.access]));
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, unknown>)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const op = operation as { operationId?: string; 'x-access'?: DeclaredAccess };
      op['x-access'] = (op.operationId && byOperation.get(op.operationId)) || byRoute.get(`${method.toUpperCase()} ${path}`) || { kind: 'undeclared' };
    }
  }
  return document;
}
