import { FakeThresholdStore } from '../../test/fakes/fake-threshold-store';
import { loadImageTaggerConfig } from '../config/image-tagger-config';
import { GLOBAL_TAG, ThresholdService } from './threshold.service';

function setup() {
  const store = new FakeThresholdStore();
  const config = loadImageTaggerConfig({ IMAGE_TAGGER_TUNE_MIN_REVIEWS: '3' });
  return { store, config, service: new ThresholdService(store, config) };
}

describe('ThresholdService', () => {
  it('uses the configured default until a global threshold is set, and per-tag ones over it', async () => {
    const { service, config } = setup();
    const before = await service.current();
    expect([before.global, before.of('cat')]).toEqual([config.defaultThreshold, config.defaultThreshold]);
    await service.set(GLOBAL_TAG, 0.4);
    await service.set('cat', 0.2);
    const after = await service.current();
    expect([after.global, after.of('cat'), after.of('dog'), after.lowest]).toEqual([0.4, 0.2, 0.4, 0.2]);
  });

  it('lists the global threshold (default when unset) apart from the per-tag ones', async () => {
    const { service, config } = setup();
    expect(await service.list()).toEqual({
      global: { tag: '*', threshold: config.defaultThreshold, origin: 'default', confirmed: 0, rejected: 0, updatedAt: null },
      tags: [],
    });
    await service.set('dog', 0.3);
    await service.set('cat', 0.2);
    const list = await service.list();
    expect(list.tags.map((t) => [t.tag, t.threshold, t.origin])).toEqual([
      ['cat', 0.2, 'manual'],
      ['dog', 0.3, 'manual'],
    ]);
    expect(list.global.origin).toBe('default');
  });

  it('answers 404 when removing a threshold that is not set', async () => {
    const { service } = setup();
    await service.set('cat', 0.2);
    await service.remove('cat');
    await expect(service.remove('cat')).rejects.toMatchObject({ status: 404 });
  });

  it('tunes a tag from its reviews once there are enough, between the confirmed and the rejected confidences', async () => {
    const { service, store } = setup();
    store.reviewsOf.set('cat', [
      { confidence: 0.9, confirmed: true },
      { confidence: 0.7, confirmed: true },
    ]);
    expect(await service.retune(['cat'])).toEqual([]);
    store.reviewsOf.get('cat')?.push({ confidence: 0.3, confirmed: false });
    const [tuned] = await service.retune(['cat', 'cat']);
    expect(tuned).toMatchObject({ tag: 'cat', threshold: 0.5, origin: 'tuned', confirmed: 2, rejected: 1 });
    expect((await service.current()).of('cat')).toBe(0.5);
  });

  it('never overwrites a threshold a person set', async () => {
    const { service, store } = setup();
    await service.set('cat', 0.8);
    store.reviewsOf.set('cat', [
      { confidence: 0.9, confirmed: true },
      { confidence: 0.6, confirmed: true },
      { confidence: 0.1, confirmed: false },
    ]);
    expect(await service.retune(['cat'])).toEqual([]);
    expect(store.rows.get('cat')).toMatchObject({ threshold: 0.8, origin: 'manual' });
  });
});
