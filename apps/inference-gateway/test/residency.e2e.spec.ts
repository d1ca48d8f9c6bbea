import { postJson, readJson, RunningGateway, startGateway } from './gateway-harness';

// Memory budget 320 MB: USE (240) + MobileNet (40) fit; CenterNet (60) only after evicting the
// least recently used idle model.
describe('model residency within a memory budget', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_MEMORY_BUDGET_MB: '320' });
  }, 60_000);
  afterAll(() => gateway?.close());

  const states = async () =>
    Object.fromEntries(((await readJson(await fetch(`${gateway.url}/v1/models`))).models as Array<{ id: string; state: string }>).map((m) => [m.id, m.state]));

  it('evicts the least recently used idle model to load another, and reloads it on demand', async () => {
    // Use MobileNet after USE, so USE is the least recently used.
    await postJson(`${gateway.url}/v1/embed`, { texts: ['first'] });
    await postJson(`${gateway.url}/v2/models/mobilenetv2-int8/infer`, {
      inputs: [{ name: 'input', shape: [1, 3, 224, 224], datatype: 'FP32', data: new Array(150528).fill(0) }],
    });
    const loaded = await postJson(`${gateway.url}/v2/repository/models/centernet-coco/load`, {});
    expect(loaded.status).toBe(200);
    expect(await states()).toEqual({ 'use-lite-en': 'UNLOADED', 'mobilenetv2-int8': 'READY', 'centernet-coco': 'READY' });

    // A request for the evicted model brings it back, evicting the now least recently used one.
    const embedded = await postJson(`${gateway.url}/v1/embed`, { model: 'use-lite-en', texts: ['back again'] });
    expect(embedded.status).toBe(200);
    expect((await states())['use-lite-en']).toBe('READY');
  }, 60_000);
});
