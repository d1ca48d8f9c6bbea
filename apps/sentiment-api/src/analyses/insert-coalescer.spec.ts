import { InsertCoalescer } from './insert-coalescer';

/** A write the test finishes by hand: every call is recorded with its rows. */
function controlledWrite(failOn?: string) {
  const calls: Array<{ rows: string[]; finish: () => void }> = [];
  const write = (rows: string[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ rows, finish: () => (failOn && rows.includes(failOn) ? reject(new Error(`bad row ${failOn}`)) : resolve()) });
    });
  return { calls, write };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('InsertCoalescer', () => {
  it('writes a lone request at once, and the requests that arrive during a write together in the next one', async () => {
    const { calls, write } = controlledWrite();
    const coalescer = new InsertCoalescer(write);
    const first = coalescer.add(['a']);
    expect(calls.map((c) => c.rows)).toEqual([['a']]); // no timer: written straight away
    const later = [coalescer.add(['b']), coalescer.add(['c', 'd']), coalescer.add(['e'])];
    await settle();
    expect(calls).toHaveLength(1); // they wait for the write in flight
    calls[0].finish();
    await first;
    await settle();
    expect(calls.map((c) => c.rows)).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    calls[1].finish();
    await Promise.all(later);
  });

  it('settles no caller before its own rows are written', async () => {
    const { calls, write } = controlledWrite();
    const coalescer = new InsertCoalescer(write);
    void coalescer.add(['a']);
    let written = false;
    const second = coalescer.add(['b']).then(() => (written = true));
    calls[0].finish();
    await settle();
    expect(written).toBe(false);
    calls[1].finish();
    await second;
    expect(written).toBe(true);
  });

  it('when a combined write fails, writes each caller again alone: only the bad row’s caller fails', async () => {
    const { calls, write } = controlledWrite('bad');
    const coalescer = new InsertCoalescer(write);
    const first = coalescer.add(['a']);
    const good = coalescer.add(['b']);
    const bad = coalescer.add(['bad']).catch((error: Error) => error.message);
    const alsoGood = coalescer.add(['c']);
    calls[0].finish();
    await first;
    await settle();
    expect(calls[1].rows).toEqual(['b', 'bad', 'c']);
    calls[1].finish();
    for (let i = 2; i < 5; i++) {
      await settle();
      calls[i].finish();
    }
    await expect(good).resolves.toBeUndefined();
    await expect(alsoGood).resolves.toBeUndefined();
    await expect(bad).resolves.toBe('bad row bad');
    expect(calls.slice(2).map((c) => c.rows)).toEqual([['b'], ['bad'], ['c']]);
  });
});
