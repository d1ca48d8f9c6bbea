import type { AppEndpoint } from './app-endpoints.cjs';

export interface ReadyTarget {
  name: string;
  kind: 'api' | 'web';
  description: string;
  links: string;
  signIn?: string;
  url: string;
  health: string;
}
export interface TargetState {
  target: ReadyTarget;
  ok: boolean;
  reason?: string;
  greenAfterMs?: number;
}
type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
export function readinessPath(app: Pick<AppEndpoint, 'kind' | 'health'>): string;
export function readyTargets(apps: Array<AppEndpoint & { signIn?: string }>, env: Record<string, string | undefined>): ReadyTarget[];
export function notReadyReason(status: number, body: unknown): string;
export function probe(target: ReadyTarget, fetchImpl: FetchLike, timeoutMs?: number): Promise<{ ok: boolean; reason?: string }>;
export function waitUntilReady(
  targets: ReadyTarget[],
  options?: {
    fetchImpl?: FetchLike;
    intervalMs?: number;
    onProgress?: (states: TargetState[], elapsedMs: number) => void;
    signal?: AbortSignal;
    now?: () => number;
  },
): Promise<TargetState[]>;
export function progressLine(states: TargetState[], elapsedMs: number, width?: number): string;
export function readyBlock(states: TargetState[], options: { elapsedMs: number; logDir: string; verbose?: boolean; staffSignIn?: string[] }): string;
export function isNoteworthy(line: string): boolean;
export class LogRouter {
  constructor(logDir: string, appNames: string[], options?: { verbose?: boolean; write?: (line: string) => void });
  route(line: string): { app: string; text: string };
  push(chunk: Buffer | string): void;
  line(line: string): void;
  close(): Promise<void>;
}
