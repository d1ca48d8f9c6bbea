import type {
  CallOptions,
  ClassifyResponse,
  DetectResponse,
  EmbedResponse,
  ErrorBody,
  ImageClassifyResponse,
  ModelInfo,
  MultiHeadClassifyResponse,
  OipInferRequest,
  OipInferResponse,
  RankItemsResponse,
  RankQuery,
  ReadinessResponse,
  ZeroShotResponse,
} from './contract';
import { GatewayError } from './gateway-error';
import { keepAliveTransport, type GatewayResponse, type GatewayTransport } from './http-transport';

export interface GatewayClientOptions {
  /** e.g. http://127.0.0.1:8100 (env GATEWAY_URL in the products). */
  baseUrl: string;
  /** The product's API key (env GATEWAY_API_KEY). */
  apiKey?: string;
  /** Whole-call timeout per attempt, client side (default 30 s). */
  timeoutMs?: number;
  /** Retries after 429/503/network errors (default 3), waiting as Retry-After says. */
  maxRetries?: number;
  /** Longest wait between retries, whatever Retry-After asks (default 10 s). */
  maxRetryDelayMs?: number;
  /** For tests: replaces the HTTP transport (node:http with kept-alive connections; fetch fits), the sleep between retries and the jitter's random source. */
  fetch?: GatewayTransport;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Up to this share is added to each wait, so clients refused together do not all come back in the same instant. */
const RETRY_JITTER = 0.2;

type Body = { json: unknown } | { bytes: Buffer; contentType: string };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Typed client for the inference gateway, used by every product API. Retries overload (429) and
 * brief unavailability (503, connection refused) at most `maxRetries` times, honouring Retry-After
 * (plus a little jitter); never retries bad input.
 */
export class GatewayClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryDelayMs: number;
  private readonly fetchImpl: GatewayTransport;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: GatewayClientOptions) {
    if (!/^https?:\/\//.test(options.baseUrl)) throw new Error(`gateway baseUrl must start with http:// or https:// (got '${options.baseUrl}')`);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
    this.fetchImpl = options.fetch ?? keepAliveTransport();
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  embed(texts: string[], opts: CallOptions & { model?: string } = {}): Promise<EmbedResponse> {
    return this.post('/v1/embed', { json: { texts, model: opts.model, ...queueFields(opts) } }, opts);
  }

  classify(texts: string[], opts: CallOptions & { model?: string } = {}): Promise<ClassifyResponse> {
    return this.post('/v1/classify', { json: { texts, model: opts.model, ...queueFields(opts) } }, opts);
  }

  /**
   * Several classifiers on the same texts in one call (`heads[i]` answers `models[i]`): the gateway computes a shared
   * embedding once for the heads that read it, instead of once per classify call.
   */
  classifyHeads(texts: string[], models: string[], opts: CallOptions = {}): Promise<MultiHeadClassifyResponse> {
    return this.post('/v1/classify', { json: { texts, models, ...queueFields(opts) } }, opts);
  }

  classifyImages(images: Buffer[], opts: CallOptions & { model?: string; topK?: number } = {}): Promise<ImageClassifyResponse> {
    return this.post(
      '/v1/images/classify',
      { json: { images: images.map((b) => b.toString('base64')), model: opts.model, top_k: opts.topK, ...queueFields(opts) } },
      opts,
    );
  }

  /** One image as the raw body: no base64 overhead for the common single-image case. */
  classifyImage(image: Buffer, opts: CallOptions & { model?: string; topK?: number; contentType?: string } = {}): Promise<ImageClassifyResponse> {
    const query = new URLSearchParams();
    if (opts.model) query.set('model', opts.model);
    if (opts.topK) query.set('top_k', String(opts.topK));
    return this.post(
      `/v1/images/classify${query.size ? `?${query}` : ''}`,
      { bytes: image, contentType: opts.contentType ?? 'application/octet-stream' },
      opts,
    );
  }

  detect(images: Buffer[], opts: CallOptions & { model?: string; minScore?: number } = {}): Promise<DetectResponse> {
    return this.post(
      '/v1/images/detect',
      { json: { images: images.map((b) => b.toString('base64')), model: opts.model, min_score: opts.minScore, ...queueFields(opts) } },
      opts,
    );
  }

  /** One image as the raw body (no base64): boxes of the objects scoring at least `minScore`. */
  detectImage(image: Buffer, opts: CallOptions & { model?: string; minScore?: number; contentType?: string } = {}): Promise<DetectResponse> {
    const query = new URLSearchParams();
    if (opts.model) query.set('model', opts.model);
    if (opts.minScore !== undefined) query.set('min_score', String(opts.minScore));
    return this.post(`/v1/images/detect${query.size ? `?${query}` : ''}`, { bytes: image, contentType: opts.contentType ?? 'application/octet-stream' }, opts);
  }

  zeroShot(images: Buffer[], labels: string[], opts: CallOptions & { model?: string; hypothesisTemplate?: string } = {}): Promise<ZeroShotResponse> {
    return this.post(
      '/v1/images/zero-shot',
      {
        json: {
          images: images.map((b) => b.toString('base64')),
          labels,
          model: opts.model,
          hypothesis_template: opts.hypothesisTemplate,
          ...queueFields(opts),
        },
      },
      opts,
    );
  }

  /** Top-k items per query vector from an item-ranking model (factor scoring), excluding the given indices. */
  rankItems(model: string, queries: RankQuery[], opts: CallOptions & { topK?: number; version?: string } = {}): Promise<RankItemsResponse> {
    return this.post(
      '/v1/rank-items',
      {
        json: {
          model,
          version: opts.version,
          queries: queries.map((q) => ({ vector: q.vector, exclude: q.exclude ?? [] })),
          top_k: opts.topK,
          ...queueFields(opts),
        },
      },
      opts,
    );
  }

  infer(model: string, request: OipInferRequest, opts: CallOptions & { version?: string } = {}): Promise<OipInferResponse> {
    const path = opts.version
      ? `/v2/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(opts.version)}/infer`
      : `/v2/models/${encodeURIComponent(model)}/infer`;
    return this.post(path, { json: request }, opts);
  }

  async models(): Promise<ModelInfo[]> {
    return (await this.request<{ models: ModelInfo[] }>('GET', '/v1/models', undefined, {})).models;
  }

  loadModel(model: string): Promise<ModelInfo> {
    return this.post(`/v2/repository/models/${encodeURIComponent(model)}/load`, { json: {} }, { timeoutMs: undefined });
  }

  /**
   * Registers (or replaces) a model from a manifest entry and its files, then loads it — Triton's
   * load-with-config. Products use it to serve the heads they train.
   */
  registerModel(model: string, config: Record<string, unknown>, files: Record<string, Buffer> = {}): Promise<ModelInfo> {
    const parameters: Record<string, unknown> = { config };
    for (const [path, bytes] of Object.entries(files)) parameters[`file:${path}`] = bytes.toString('base64');
    return this.post(`/v2/repository/models/${encodeURIComponent(model)}/load`, { json: { parameters } }, {});
  }

  unloadModel(model: string): Promise<ModelInfo> {
    return this.post(`/v2/repository/models/${encodeURIComponent(model)}/unload`, { json: {} }, {});
  }

  /** Readiness without throwing: products report the gateway in their own /health. */
  async readiness(): Promise<ReadinessResponse | { ready: false; error: string }> {
    try {
      return await this.request<ReadinessResponse>('GET', '/v2/health/ready', undefined, { retries: 0 }, [200, 503]);
    } catch (error) {
      return { ready: false, error: (error as Error).message };
    }
  }

  private post<T>(path: string, body: Body, opts: CallOptions): Promise<T> {
    return this.request<T>('POST', path, body, opts);
  }

  private async request<T>(
    method: string,
    path: string,
    body: Body | undefined,
    opts: CallOptions & { retries?: number },
    okStatuses: number[] = [],
  ): Promise<T> {
    const retries = opts.retries ?? this.maxRetries;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(method, path, body, opts, okStatuses);
      } catch (error) {
        const gatewayError = error instanceof GatewayError ? error : new GatewayError(String(error), 0, 'network');
        if (!gatewayError.retryable || attempt >= retries || opts.signal?.aborted) throw gatewayError;
        // Retry-After is the least the gateway asked for; the jitter spreads a crowd refused at the same moment.
        const waitMs = gatewayError.retryAfterSeconds !== undefined ? gatewayError.retryAfterSeconds * 1000 : 100 * 2 ** attempt;
        await this.sleep(Math.round(Math.min(waitMs * (1 + RETRY_JITTER * this.random()), this.maxRetryDelayMs)));
      }
    }
  }

  private async once<T>(method: string, path: string, body: Body | undefined, opts: CallOptions, okStatuses: number[]): Promise<T> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const headers: Record<string, string> = {};
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    if (opts.priority) headers['x-priority'] = opts.priority;
    if (opts.timeoutMs) headers['x-timeout-ms'] = String(opts.timeoutMs);
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = body.contentType;
      // A view of the caller's bytes, not a copy (an image is ~100 KB); a Buffer on a SharedArrayBuffer is copied.
      const { buffer, byteOffset, byteLength } = body.bytes;
      payload = buffer instanceof ArrayBuffer ? new Uint8Array(buffer, byteOffset, byteLength) : new Uint8Array(body.bytes);
    }
    let response: GatewayResponse;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, { method, headers, body: payload, signal });
    } catch (error) {
      if (timeout.aborted) throw new GatewayError(`gateway did not answer ${method} ${path} within ${this.timeoutMs} ms`, 0, 'timeout');
      if (opts.signal?.aborted) throw new GatewayError(`${method} ${path} was cancelled`, 0, 'cancelled');
      throw new GatewayError(`gateway unreachable at ${this.baseUrl}: ${(error as Error).cause ?? (error as Error).message}`, 0, 'network');
    }
    const text = await response.text();
    if (response.ok || okStatuses.includes(response.status)) return (text ? JSON.parse(text) : undefined) as T;
    let parsed: Partial<ErrorBody> = {};
    try {
      parsed = JSON.parse(text) as ErrorBody;
    } catch {
      parsed = { error: text.slice(0, 500) };
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new GatewayError(
      parsed.error ?? `gateway answered ${response.status}`,
      response.status,
      parsed.code ?? `http_${response.status}`,
      parsed.request_id ?? response.headers.get('x-request-id') ?? undefined,
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    );
  }
}

function queueFields(opts: CallOptions): { priority?: string; timeout_ms?: number } {
  return { priority: opts.priority, timeout_ms: opts.timeoutMs };
}
