import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { routeAccessOf } from './auth.guard';

export interface UndeclaredRoute {
  controller: string;
  handler: string;
}

/** Every controller method that serves a route but declares no access (neither it nor its controller). */
export function undeclaredRoutes(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): UndeclaredRoute[] {
  const found: UndeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const isRoute = Reflect.getMetadata(PATH_METADATA, handler) !== undefined && Reflect.getMetadata(METHOD_METADATA, handler) !== undefined;
      if (isRoute && !routeAccessOf(reflector, handler, metatype)) found.push({ controller: metatype.name, handler: name });
    }
  }
  return found;
}

/** At boot: one warning per route that declares no access (it is admin-only until it does). */
@Injectable()
export class RouteDeclarationsReport implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    for (const route of undeclaredRoutes(this.discovery, this.scanner, this.reflector)) {
      this.logger.warn(`${route.controller}.${route.handler} declares no access (@Public, @Roles or @Visitor): admin only until it does`);
    }
  }
}
