import { setFlagsFromString } from 'node:v8';
import { loadGatewayConfig } from './gateway-config';
import { applyHeapGrowth } from './heap-growth';

jest.mock('node:v8', () => ({ setFlagsFromString: jest.fn() }));

describe('V8 heap growth of the gateway process', () => {
  beforeEach(() => jest.mocked(setFlagsFromString).mockClear());

  it('lets the old generation grow 300 % by default and takes another value from GATEWAY_HEAP_GROWING_PERCENT', () => {
    expect(loadGatewayConfig({}).heapGrowingPercent).toBe(300);
    expect(loadGatewayConfig({ GATEWAY_HEAP_GROWING_PERCENT: '150' }).heapGrowingPercent).toBe(150);
    expect(() => loadGatewayConfig({ GATEWAY_HEAP_GROWING_PERCENT: '-1' })).toThrow(/GATEWAY_HEAP_GROWING_PERCENT/);
    expect(() => loadGatewayConfig({ GATEWAY_HEAP_GROWING_PERCENT: 'lots' })).toThrow(/GATEWAY_HEAP_GROWING_PERCENT/);
  });

  it("sets V8's heap-growing-percent flag, and leaves V8's heuristic alone at 0", () => {
    applyHeapGrowth(300);
    expect(setFlagsFromString).toHaveBeenCalledWith('--heap-growing-percent=300');
    jest.mocked(setFlagsFromString).mockClear();
    applyHeapGrowth(0);
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
