import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

export interface CheckResult {
  ok: boolean;
  /** Why it is not ok, in words an operator can act on. */
  reason?: string;
  [detail: string]: unknown;
}

export type ReadinessCheck = () => CheckResult | Promise<CheckResult>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult & { ms: number }>;
}

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The named checks behind /health/ready. The server registers `database` and `gateway`; a product
 * adds its own (e.g. "model": is the product's model served?) with register(). Checks run in
 * parallel, each bounded by a timeout, and a throwing check counts as not ok with its message.
 */
@Injectable()
export class ReadinessRegistry implements BeforeApplicationShutdown {
  private readonly checks = new Map<string, ReadinessCheck>();
  private draining = false;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** Shutting down: report not ready at once, so load balancers stop sending new requests. */
  beforeApplicationShutdown(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async report(timeoutMs = CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        const started = performance.now();
        const result = await runCheck(check, timeoutMs);
        return [name, { ...result, ms: Math.round(performance.now() - started) }] as const;
      }),
    );
    const checks = Object.fromEntries(entries);
    if (this.draining) checks.shutdown = { ok: false, reason: 'shutting down', ms: 0 };
    return { ready: Object.values(checks).every((check) => check.ok), checks };
  }
}
