import { GatewayClient, GatewayError, type EmbedResponse, type ModelInfo } from '@matrix/gateway-client';

/**
 * A gateway stand-in for unit specs: embeds each text as a fixed 2-d vector (looked up by a word it
 * contains, else [0, 1]), lists one embedding model, and can be switched off (a network error, retryable).
 */
export class FakeGateway {
  readonly embedCalls: string[][] = [];
  down = false;
  /** Errors the next embed calls throw, one each (e.g. a timeout while the gateway is busy), before answering again. */
  readonly failures: GatewayError[] = [];
  version = '1';

  constructor(private readonly vectors: Record<string, number[]> = {}) {}

  /** The stand-in typed as the real client (only embed and models are called). */
  client(): GatewayClient {
    const fake = {
      embed: async (texts: string[], opts: { model?: string } = {}): Promise<EmbedResponse> => {
        if (this.down) throw new GatewayError('connect ECONNREFUSED', 0, 'network');
        const failure = this.failures.shift();
        if (failure) throw failure;
        this.embedCalls.push(texts);
        const embeddings = texts.map((t) => Object.entries(this.vectors).find(([word]) => t.includes(word))?.[1] ?? [0, 1]);
        return { model: opts.model ?? 'use', version: this.version, dimensions: 2, embeddings, tokens: texts.map(() => 1) };
      },
      models: async (): Promise<ModelInfo[]> => {
        if (this.down) throw new GatewayError('connect ECONNREFUSED', 0, 'network');
        return [{ id: 'use', version: this.version, task: 'embed', runtime: 'onnx', state: 'READY', inUse: 0, queueDepth: 0 }];
      },
    };
    return fake as unknown as GatewayClient;
  }
}
