export interface AppEndpoint {
  name: string;
  root: string;
  kind: 'api' | 'web';
  hasServe: boolean;
  port: number | undefined;
  portEnv: string;
  health: string;
  /** Readiness path: `serve` metadata `ready`, else the liveness path with …/live → …/ready (webs: the liveness path). */
  ready: string;
  description: string;
  links: string;
  /** `serve` metadata `signIn`: how to sign in (npm start's ready block). */
  signIn?: string;
}
export interface WorkspaceFiles {
  read(path: string): string | null;
  exists(path: string): boolean;
  children(path: string): string[];
}
export function appEndpoint(files: string | WorkspaceFiles, dir: string): AppEndpoint;
export function appEndpoints(files: string | WorkspaceFiles): AppEndpoint[];
