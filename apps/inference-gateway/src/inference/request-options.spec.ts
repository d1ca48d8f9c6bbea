import { boundLane } from './request-options';

describe('boundLane (the priority lane is bound to the API key)', () => {
  it('lets a caller lower its lane, never raise it above its key’s', () => {
    expect(boundLane('bulk', 'interactive')).toBe('bulk');
    expect(boundLane('interactive', 'bulk')).toBe('bulk');
    expect(boundLane('interactive', 'interactive')).toBe('interactive');
  });

  it('uses the key’s lane when the caller asks for none, interactive while keys are off', () => {
    expect(boundLane(undefined, 'bulk')).toBe('bulk');
    expect(boundLane(undefined, undefined)).toBe('interactive');
    expect(boundLane('bulk', undefined)).toBe('bulk');
  });
});
