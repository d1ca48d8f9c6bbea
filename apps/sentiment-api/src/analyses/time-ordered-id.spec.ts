import { timeOrderedId } from './time-ordered-id';

describe('timeOrderedId', () => {
  it('is a version-7 UUID whose first 48 bits are the milliseconds', () => {
    const id = timeOrderedId(0x0190_1234_5678);
    expect(id).toMatch(/^01901234-5678-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts in creation order, also within one millisecond', () => {
    const at = Date.now() + 10_000;
    const ids = Array.from({ length: 5000 }, () => timeOrderedId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5000);
  });
});
