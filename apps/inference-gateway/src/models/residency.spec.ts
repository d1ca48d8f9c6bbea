import { pickEvictions, ResidentModel } from './residency';

const model = (key: string, memoryMb: number, lastUsedAt: number, idle = true): ResidentModel => ({ key, memoryMb, lastUsedAt, idle });

describe('pickEvictions', () => {
  it('evicts nothing while the budget holds', () => {
    expect(pickEvictions([model('a', 100, 1)], 50, 200)).toEqual([]);
  });

  it('evicts least recently used idle models until the new one fits', () => {
    const resident = [model('recent', 100, 30), model('oldest', 100, 10), model('older', 100, 20)];
    expect(pickEvictions(resident, 150, 300)?.map((m) => m.key)).toEqual(['oldest', 'older']);
  });

  it('never evicts a busy model, even the least recently used', () => {
    const resident = [model('busy-old', 100, 1, false), model('idle-new', 100, 50)];
    expect(pickEvictions(resident, 100, 200)?.map((m) => m.key)).toEqual(['idle-new']);
  });

  it('gives up when busy models alone exceed the budget', () => {
    expect(pickEvictions([model('busy', 180, 1, false), model('idle', 10, 2)], 50, 200)).toBeUndefined();
  });
});
