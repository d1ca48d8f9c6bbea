import type { Refusal } from './load-generator';
import { GatewayError } from '@matrix/gateway-client';

/**
 * One gateway call for the load generator, made as a well-behaved client: a 429 becomes a Refusal
 * that pauses the client for its Retry-After (plus jitter, as libs/gateway-client does); any other
 * failure is an error.
 */
export async function refusalAware(call: () => Promise<unknown>): Promise<Refusal | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    if (!(error instanceof GatewayError) || error.status !== 429) throw error;
    return { refused: true, pauseMs: (error.retryAfterSeconds ?? 1) * 1000 * (1 + 0.2 * Math.random()) };
  }
}
