import { HubUnreachableError, ModelFileMissingError, errorMessage } from '../errors';

export interface HubProbeOptions {
  endpoint: string;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

/**
 * Asks the hub whether `id@revision` exists before a runtime starts a download, so a dead network
 * fails in `timeoutMs` with HubUnreachableError instead of a download hanging in a runtime.
 */
export async function probeHub(modelId: string, hubId: string, revision: string, options: HubProbeOptions): Promise<void> {
  const url = `${options.endpoint}/api/models/${hubId}/revision/${encodeURIComponent(revision)}`;
  const started = Date.now();
  let status: number;
  try {
    const response = await (options.fetchImpl ?? fetch)(url, { method: 'GET', signal: AbortSignal.timeout(options.timeoutMs) });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : describeFetchError(error);
    throw new HubUnreachableError(options.endpoint, reason, Date.now() - started);
  }
  if (status === 401 || status === 404)
    throw new ModelFileMissingError(modelId, `${hubId}@${revision}`, [url], `hub answered ${status}: no such repository or revision, or it is gated`);
  if (status >= 400) throw new HubUnreachableError(options.endpoint, `HTTP ${status}`, Date.now() - started);
}

/** undici hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause ? `${errorMessage(error)} (${errorMessage(cause)})` : errorMessage(error);
}
