import { GatewayError } from '@matrix/gateway-client';
import { knowledgeParts, testChatbotConfig } from '../../test/fakes/knowledge-parts';
import { loadDemoKnowledgeBase } from './demo-knowledge-base';
import { DemoSeedService } from './demo-seed.service';

/** The seed as Nest runs it: registered with readiness at init, started at bootstrap, stopped at shutdown. */
function seedService(parts: ReturnType<typeof knowledgeParts>) {
  const seed = new DemoSeedService(parts.kb, parts.readiness, { ...testChatbotConfig, seedKnowledgeBase: true });
  seed.backoff = { initialMs: 5, maxMs: 20 };
  parts.indexer.onModuleInit();
  seed.onModuleInit();
  return seed;
}

describe('DemoSeedService', () => {
  it('keeps trying while the gateway times out or is down, then seeds every demo article; not ready until then', async () => {
    const parts = knowledgeParts();
    // Timeouts (the gateway busy while the webs build: before, the first one left the knowledge base empty for good).
    parts.gateway.failures.push(
      new GatewayError('gateway did not answer POST /v1/embed within 30000 ms', 0, 'timeout'),
      new GatewayError('gateway did not answer POST /v1/embed within 30000 ms', 0, 'timeout'),
      new GatewayError('the gateway answered 500', 500, 'internal'),
    );
    const seed = seedService(parts);
    seed.onApplicationBootstrap();
    const during = await parts.readiness.report();
    expect(during.checks['demo-seed']).toMatchObject({ ok: false, reason: expect.stringContaining('seeding the demo knowledge base') });
    await seed.whenSeeded();
    expect(parts.gateway.failures).toHaveLength(0);
    const articles = loadDemoKnowledgeBase();
    expect(await parts.kb.count()).toBe(articles.length);
    expect(await parts.store.count({ indexStatus: 'pending' })).toBe(0);
    const after = await parts.readiness.report();
    expect(after.checks['demo-seed']).toMatchObject({ ok: true });
    expect(after.ready).toBe(true);
  });

  it('with the gateway down, stores the articles as pending and is not ready until the indexer has embedded them', async () => {
    const parts = knowledgeParts();
    parts.gateway.down = true;
    const seed = seedService(parts);
    seed.onApplicationBootstrap();
    await seed.whenSeeded();
    expect(await parts.store.count({ indexStatus: 'pending' })).toBe(loadDemoKnowledgeBase().length);
    expect((await parts.readiness.report()).ready).toBe(false);
    parts.gateway.down = false;
    while ((await parts.indexer.retryPending()) > 0); // what its timer does, round after round, while the API runs
    expect(await parts.store.count({ indexStatus: 'pending' })).toBe(0);
    expect((await parts.readiness.report()).ready).toBe(true);
  });

  it('seeds nothing when the knowledge base already has articles', async () => {
    const parts = knowledgeParts();
    parts.store.seed({ slug: 'mine' });
    const seed = seedService(parts);
    seed.onApplicationBootstrap();
    await seed.whenSeeded();
    expect(await parts.kb.count()).toBe(1);
  });

  it('stops trying when the API shuts down, and says why it is not ready', async () => {
    const parts = knowledgeParts();
    for (let i = 0; i < 10; i++) parts.gateway.failures.push(new GatewayError('gateway did not answer', 0, 'timeout'));
    const seed = seedService(parts);
    seed.backoff = { initialMs: 60_000 };
    seed.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 20));
    seed.beforeApplicationShutdown();
    await seed.whenSeeded();
    expect(await parts.kb.count()).toBe(0);
    expect((await parts.readiness.report()).checks['demo-seed']).toMatchObject({ ok: false, reason: expect.stringContaining('gateway did not answer') });
  });
});
