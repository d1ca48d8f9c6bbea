import type { ModelInfo, ModelState } from '@matrix/gateway-client';
import type { ModelGateway } from './ensure-model-served';

/** A gateway for unit specs: a model list, registrations that land in a chosen state, and the calls made. */
export class FakeModelGateway implements ModelGateway {
  readonly listed: ModelInfo[] = [];
  readonly registered: Array<{ id: string; version: string; files: string[] }> = [];
  listCalls = 0;
  /** When set, models() fails with it (the gateway is down). */
  down?: Error;
  /** The state a registered model lands in. */
  loadsAs: ModelState = 'READY';

  serve(id: string, version: string, state: ModelState = 'READY', reason?: string): this {
    this.listed.push({
      id,
      version,
      task: 'test',
      runtime: 'tfjs-layers',
      state,
      inUse: 0,
      queueDepth: 0,
      ...(reason ? { reason: { code: 'TEST', message: reason } } : {}),
    });
    return this;
  }

  /** The gateway restarted: it lists nothing. */
  restart(): void {
    this.listed.length = 0;
  }

  async models(): Promise<ModelInfo[]> {
    this.listCalls++;
    if (this.down) throw this.down;
    return this.listed.map((m) => ({ ...m }));
  }

  async registerModel(id: string, config: Record<string, unknown>, files: Record<string, Buffer> = {}): Promise<ModelInfo> {
    const version = String(config['version']);
    this.registered.push({ id, version, files: Object.keys(files) });
    const at = this.listed.findIndex((m) => m.id === id);
    if (at >= 0) this.listed.splice(at, 1);
    this.serve(id, version, this.loadsAs, this.loadsAs === 'FAILED' ? 'weights do not match model.json' : undefined);
    return { ...this.listed[this.listed.length - 1] };
  }
}
