import type { CheckResult, ReadinessCheck, ReadinessRegistry } from '../health/readiness';
import type { ModelsToServe } from './ensure-model-served';
import { FakeModelGateway } from './fake-model-gateway';
import { ServedModel } from './served-model';

class FakeReadiness {
  readonly checks = new Map<string, ReadinessCheck>();
  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }
  async run(name: string): Promise<CheckResult | undefined> {
    return this.checks.get(name)?.();
  }
}

/** A product model as a product declares one: only what to serve. */
class DemoModel extends ServedModel {
  artifact?: string;

  constructor(gateway: FakeModelGateway, readiness: FakeReadiness, registerOn = true) {
    super(gateway, readiness as unknown as ReadinessRegistry, {
      what: 'demo model',
      logContext: 'DemoModel',
      readinessCheck: 'model',
      registerSwitch: { name: 'DEMO_REGISTER_MODEL', on: registerOn },
      details: { model: 'demo-head' },
      recheckEveryMs: 10,
    });
    this.logger.log = () => undefined;
    this.logger.warn = () => undefined;
  }

  protected toServe(): ModelsToServe {
    const version = this.artifact;
    if (!version) throw new Error('no trained demo head');
    return { version, models: [{ id: 'demo-head', version, registration: () => ({ config: { version }, files: { 'model.json': Buffer.from('{}') } }) }] };
  }
}

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ServedModel', () => {
  let model: DemoModel | undefined;
  afterEach(() => model?.onApplicationShutdown());

  it('registers at boot and reports the served version as its readiness check', async () => {
    const gateway = new FakeModelGateway();
    const readiness = new FakeReadiness();
    model = new DemoModel(gateway, readiness);
    model.artifact = '1';
    model.onModuleInit();
    expect(model.status()).toEqual({ model: 'demo-head', ok: false, reason: 'not checked yet' });
    model.onApplicationBootstrap();
    await until(() => model?.status().ok === true);
    expect(await readiness.run('model')).toEqual({ model: 'demo-head', ok: true, version: '1' });
    expect(gateway.registered.map((r) => r.version)).toEqual(['1']);
  });

  it('while there is nothing to serve, says why, and serves once an artifact appears', async () => {
    const gateway = new FakeModelGateway();
    model = new DemoModel(gateway, new FakeReadiness());
    model.onApplicationBootstrap();
    await until(() => model?.status().reason === 'no trained demo head');
    expect(model.status()).toEqual({ model: 'demo-head', ok: false, reason: 'no trained demo head' });
    model.artifact = '2';
    await until(() => model?.status().ok === true);
    expect(model.status()).toEqual({ model: 'demo-head', ok: true, version: '2' });
  });

  it('re-registers after a gateway restart when a request reports the model not served', async () => {
    const gateway = new FakeModelGateway();
    model = new DemoModel(gateway, new FakeReadiness());
    model.artifact = '1';
    await model.ensureServed();
    gateway.restart();
    model.reportNotServed('model_not_found');
    expect(model.status()).toEqual({ model: 'demo-head', ok: false, reason: 'model_not_found' });
    await until(() => model?.status().ok === true);
    expect(gateway.registered.map((r) => r.version)).toEqual(['1', '1']);
  });

  it('serveAgain registers without asking the gateway (a new version became current) and waits for it', async () => {
    const gateway = new FakeModelGateway();
    model = new DemoModel(gateway, new FakeReadiness());
    model.artifact = '1';
    await model.ensureServed();
    const listCalls = gateway.listCalls;
    model.artifact = '2';
    expect(await model.serveAgain()).toEqual({ model: 'demo-head', ok: true, version: '2' });
    expect(gateway.listCalls).toBe(listCalls);
    expect(gateway.listed.map((m) => `${m.id}@${m.version}`)).toEqual(['demo-head@2']);
  });

  it('with registering off, only reports what the gateway lacks', async () => {
    const gateway = new FakeModelGateway();
    model = new DemoModel(gateway, new FakeReadiness(), false);
    model.artifact = '1';
    expect(await model.ensureServed()).toEqual({
      model: 'demo-head',
      ok: false,
      version: '1',
      reason: 'the gateway does not serve demo-head@1 and DEMO_REGISTER_MODEL is off',
    });
    expect(gateway.registered).toEqual([]);
  });
});
