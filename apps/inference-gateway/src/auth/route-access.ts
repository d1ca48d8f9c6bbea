import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route; every controller or handler declares it (ApiKeyGuard refuses routes without):
 * - `public`: anyone (probes, metrics, server metadata);
 * - `key`: any valid API key (the model listings the products poll);
 * - `infer`: a key with the infer scope for the model (the `:name` route parameter, or the model a task route resolves to);
 * - `admin`: a key with the admin scope for the `:name` model (load, unload, register/replace).
 */
export type RouteAccess = 'public' | 'key' | 'infer' | 'admin';

export const ROUTE_ACCESS = 'gateway:route-access';

export const Access = (access: RouteAccess) => SetMetadata(ROUTE_ACCESS, access);
