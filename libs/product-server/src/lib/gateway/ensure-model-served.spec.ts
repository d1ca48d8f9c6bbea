import { ensureModelServed, type ModelsToServe } from './ensure-model-served';
import { FakeModelGateway } from './fake-model-gateway';

const files = { 'model.json': Buffer.from('{}'), 'weights.bin': Buffer.from([1, 2]) };
const head = (version = '2', registration = () => ({ config: { version, task: 'text-classification' }, files })): ModelsToServe => ({
  models: [{ id: 'head', registration }],
});

describe('ensureModelServed', () => {
  it('counts a READY or UNLOADED model as served, registering nothing', async () => {
    for (const state of ['READY', 'UNLOADED'] as const) {
      const gateway = new FakeModelGateway().serve('head', '1', state);
      expect(await ensureModelServed(gateway, head(), {})).toEqual({ ok: true, version: '1' });
      expect(gateway.registered).toEqual([]);
    }
  });

  it('registers a model the gateway lacks or lists FAILED, and reports the registered version', async () => {
    const gateway = new FakeModelGateway();
    const lines: string[] = [];
    expect(await ensureModelServed(gateway, head(), { logger: { log: (line) => lines.push(line) } })).toEqual({ ok: true, version: '2' });
    expect(gateway.registered).toEqual([{ id: 'head', version: '2', files: ['model.json', 'weights.bin'] }]);
    expect(lines).toEqual(['registering head version 2 with the gateway']);

    const failed = new FakeModelGateway().serve('head', '1', 'FAILED', 'out of memory');
    expect(await ensureModelServed(failed, head(), {})).toEqual({ ok: true, version: '2' });
  });

  it('requires the pinned version of each member, and reports the product version', async () => {
    const gateway = new FakeModelGateway().serve('a', '1').serve('b', 'old');
    const target: ModelsToServe = {
      version: 'v7',
      details: { kind: 'ensemble' },
      models: ['a', 'b'].map((id) => ({ id, version: '1', registration: () => ({ config: { version: '1' }, files }) })),
    };
    expect(await ensureModelServed(gateway, target, {})).toEqual({ kind: 'ensemble', ok: true, version: 'v7' });
    expect(gateway.registered.map((r) => `${r.id}@${r.version}`)).toEqual(['b@1']);
  });

  it('says why while not served: gateway down, loading, switch off, no artifact, load failed', async () => {
    const down = Object.assign(new FakeModelGateway(), { down: new Error('connect ECONNREFUSED') });
    expect(await ensureModelServed(down, head(), {})).toEqual({ ok: false, reason: 'cannot reach the inference gateway: connect ECONNREFUSED' });

    const loading = new FakeModelGateway().serve('head', '1', 'LOADING');
    expect(await ensureModelServed(loading, head(), {})).toEqual({ ok: false, version: '1', reason: 'the gateway is loading head' });

    const failed = new FakeModelGateway().serve('head', '1', 'FAILED', 'bad weights');
    expect(await ensureModelServed(failed, head(), { registerSwitch: { name: 'X_REGISTER_MODEL', on: false } })).toEqual({
      ok: false,
      reason: 'the gateway does not serve head (FAILED: bad weights) and X_REGISTER_MODEL is off',
    });

    const missing = head('2', () => {
      throw new Error('latest.json is missing');
    });
    expect(await ensureModelServed(new FakeModelGateway(), missing, {})).toEqual({
      ok: false,
      reason: 'the gateway does not serve head, and there is no trained artifact to register: latest.json is missing',
    });

    const refusing = Object.assign(new FakeModelGateway(), { loadsAs: 'FAILED' as const });
    expect(await ensureModelServed(refusing, head(), {})).toEqual({
      ok: false,
      version: '2',
      reason: 'the gateway could not load head 2: weights do not match model.json',
    });
  });

  it('forced, registers without listing (the gateway answered "model not found")', async () => {
    const gateway = new FakeModelGateway().serve('head', '2');
    expect(await ensureModelServed(gateway, head(), { force: true })).toEqual({ ok: true, version: '2' });
    expect([gateway.listCalls, gateway.registered.length]).toEqual([0, 1]);
  });
});
