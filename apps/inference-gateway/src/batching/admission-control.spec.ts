import { AdmissionControl, AdmissionSettings } from './admission-control';

// Two instances running batches of up to 8; interactive requests may wait 1 s, bulk ones 10 s.
const settings: AdmissionSettings = { maxBatchSize: 8, concurrency: 2, maxQueueWaitMs: { interactive: 1000, bulk: 10_000 }, maxQueueSize: 4096 };

describe('AdmissionControl', () => {
  it('admits a cold model up to its floor without predicting a wait', () => {
    const control = new AdmissionControl(settings);
    expect(control.itemsPerSecond).toBeUndefined();
    expect(control.floor).toBe(32); // a running and a waiting batch per instance: 2 × 8 × 2
    expect(control.queueBound('interactive')).toBe(32);
    expect(control.decide({ lane: 'interactive', ahead: 31, depth: 31, busy: true })).toEqual({
      admitted: true,
      lane: 'interactive',
      predictedWaitMs: undefined,
      queueDepth: 31,
      queueBound: 32,
    });
    expect(control.decide({ lane: 'interactive', ahead: 32, depth: 32, busy: true })).toMatchObject({
      admitted: false,
      reason: 'queue_full',
      retryAfterSeconds: 1,
    });
  });

  it('admits the next round of batches even when one batch takes longer than the maximum wait, and ignores a request’s own items', () => {
    const control = new AdmissionControl(settings);
    // Batches of 8 that take 1.5 s each (a slow model on a busy CPU): 5.3 items/s per instance.
    control.recordBatch(8, 1500, 1500);
    expect(control.expectedBatchMs).toBeCloseTo(1500, 6);
    // Busy, nothing queued: the request waits only for the running batch, and refusing it would idle the model.
    expect(control.decide({ lane: 'interactive', ahead: 0, depth: 0, busy: true, items: 64 })).toMatchObject({ admitted: true });
    expect(control.decide({ lane: 'interactive', ahead: 15, depth: 15, busy: true })).toMatchObject({ admitted: true });
    // Beyond one batch per instance the prediction applies.
    expect(control.decide({ lane: 'interactive', ahead: 16, depth: 16, busy: true })).toMatchObject({ admitted: false, reason: 'predicted_wait' });
  });

  it('measures the drain rate in items per second of busy time over the last batches, every instance included', () => {
    const control = new AdmissionControl(settings);
    control.recordBatch(8, 100, 100); // one instance finished a batch of 8 after 100 ms…
    expect(control.itemsPerSecond).toBeCloseTo(80, 6);
    control.recordBatch(8, 100, 0); // …and the other one at the same moment: 16 items per 100 ms
    expect(control.itemsPerSecond).toBeCloseTo(160, 6);
    expect(control.expectedBatchMs).toBeCloseTo(100, 6);
    control.recordBatch(0, 10, 10); // nothing drained, or no time taken: no sample
    control.recordBatch(4, 0, 10);
    expect(control.itemsPerSecond).toBeCloseTo(160, 6);
    // Only the last 8 batches count: a model that has become slower is seen as slower.
    for (let i = 0; i < 8; i++) control.recordBatch(2, 100, 100);
    expect(control.itemsPerSecond).toBeCloseTo(20, 6);
  });

  it('predicts the wait from the items ahead, plus one batch while every instance is busy', () => {
    const control = new AdmissionControl(settings);
    control.recordBatch(8, 100, 50); // both instances: a batch of 8 every 50 ms, 160 items/s
    expect(control.predictWaitMs(80, false)).toBeCloseTo(500, 6);
    expect(control.predictWaitMs(80, true)).toBeCloseTo(600, 6);
    expect(control.predictWaitMs(0, false)).toBe(0);
    // A request of 17 texts waits until its last one is through: 16 more items, 100 ms.
    expect(control.predictWaitMs(0, false, 17)).toBeCloseTo(100, 6);
  });

  it('bounds each lane by what drains within its maximum wait, between the floor and the ceiling', () => {
    const control = new AdmissionControl(settings);
    control.recordBatch(8, 100, 50);
    expect(control.queueBound('interactive')).toBe(160);
    expect(control.queueBound('bulk')).toBe(1600);
    const slow = new AdmissionControl(settings);
    slow.recordBatch(1, 1000, 500); // 2 items/s: the floor still admits two batches per instance
    expect(slow.queueBound('interactive')).toBe(32);
    const capped = new AdmissionControl({ ...settings, maxQueueSize: 500 });
    capped.recordBatch(8, 100, 50);
    expect(capped.queueBound('bulk')).toBe(500);
  });

  it('refuses while the queue is long and admits again once it has drained', () => {
    const control = new AdmissionControl(settings);
    control.recordBatch(8, 100, 50);
    // 200 ahead: 1250 ms + 100 ms batch > 1 s.
    expect(control.decide({ lane: 'interactive', ahead: 200, depth: 200, busy: true })).toMatchObject({
      admitted: false,
      reason: 'predicted_wait',
      limitMs: 1000,
      retryAfterSeconds: 1,
    });
    // 1000 ahead: 6350 ms, 5350 ms too long: come back in 6 s.
    expect(control.decide({ lane: 'interactive', ahead: 1000, depth: 1000, busy: true })).toMatchObject({ reason: 'predicted_wait', retryAfterSeconds: 6 });
    // Drained to 100 ahead: 625 + 100 ms.
    const admitted = control.decide({ lane: 'interactive', ahead: 100, depth: 100, busy: true });
    expect(admitted.admitted).toBe(true);
    expect(admitted.predictedWaitMs).toBeCloseTo(725, 6);
  });

  it("names the request's deadline when it is shorter than the lane's maximum", () => {
    const control = new AdmissionControl(settings);
    control.recordBatch(8, 100, 50);
    const refused = control.decide({ lane: 'interactive', ahead: 40, depth: 40, busy: true, deadlineMs: 300 }); // 250 + 100 ms
    expect(refused).toMatchObject({ admitted: false, reason: 'deadline', limitMs: 300, retryAfterSeconds: 1 });
    expect(control.decide({ lane: 'interactive', ahead: 40, depth: 40, busy: true, deadlineMs: 5000 }).admitted).toBe(true);
  });

  it('lets bulk work wait longer, and refuses anything beyond the ceiling', () => {
    const control = new AdmissionControl({ ...settings, maxQueueSize: 1000 });
    control.recordBatch(8, 100, 50);
    expect(control.decide({ lane: 'bulk', ahead: 800, depth: 800, busy: true }).admitted).toBe(true);
    // The interactive lane sees only 10 ahead, but the queue as a whole is at its ceiling.
    expect(control.decide({ lane: 'interactive', ahead: 10, depth: 1000, busy: true })).toMatchObject({
      admitted: false,
      reason: 'queue_full',
      queueBound: 160,
      retryAfterSeconds: 1,
    });
  });

  it('calibrates its predictions against the waits items really had, never below the plain estimate', () => {
    const control = new AdmissionControl(settings);
    control.recordBatch(8, 100, 50); // 160 items/s
    expect(control.predictWaitMs(80, true)).toBeCloseTo(600, 6);
    control.recordWait(10, 100); // too short to tell: ignored
    expect(control.calibration).toBe(1);
    // Served items waited 1.5 × what the count ahead predicted (newer items of other buckets overtook them).
    for (let i = 0; i < 4; i++) control.recordWait(400, 600);
    expect(control.calibration).toBeCloseTo(1.5, 6);
    expect(control.plainWaitMs(80, true)).toBeCloseTo(600, 6);
    expect(control.predictWaitMs(80, true)).toBeCloseTo(900, 6);
    expect(control.queueBound('interactive')).toBe(106); // 160 items/s × 1 s ÷ 1.5
    expect(control.decide({ lane: 'interactive', ahead: 100, depth: 100, busy: true })).toMatchObject({ admitted: false, reason: 'predicted_wait' }); // 725 × 1.5 ms
    // Waits shorter than predicted never push the estimate below the plain one.
    for (let i = 0; i < 64; i++) control.recordWait(400, 100);
    expect(control.calibration).toBe(1);
  });

  it('admits a request larger than the bound into an empty queue', () => {
    const control = new AdmissionControl(settings);
    expect(control.decide({ lane: 'interactive', ahead: 0, depth: 0, busy: false, items: 100 }).admitted).toBe(true);
  });
});
