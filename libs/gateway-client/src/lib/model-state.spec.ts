import type { ModelState } from './contract';
import { isModelServed, isModelServedOrLoading } from './model-state';

const STATES: ModelState[] = ['UNLOADED', 'LOADING', 'READY', 'UNLOADING', 'FAILED'];

describe('model state predicates', () => {
  it('a model is served when READY or UNLOADED (the gateway reloads an evicted model on demand)', () => {
    expect(STATES.filter(isModelServed)).toEqual(['UNLOADED', 'READY']);
  });

  it('served or loading adds LOADING', () => {
    expect(STATES.filter(isModelServedOrLoading)).toEqual(['UNLOADED', 'LOADING', 'READY']);
  });
});
