import { widenInt8Products } from './onnx-int8-precision';

describe('widenInt8Products', () => {
  const avx2Only = ' fpu sse2 ssse3 sse4_1 sse4_2 avx avx2 fma';
  it('widens on auto where the CPU has no VNNI (AVX2, AVX-512 without VNNI) and not where it has', () => {
    expect(widenInt8Products('auto', avx2Only)).toBe(true);
    expect(widenInt8Products('auto', `${avx2Only} avx512f avx512bw`)).toBe(true);
    expect(widenInt8Products('auto', `${avx2Only} avx512f avx512_vnni`)).toBe(false);
    expect(widenInt8Products('auto', `${avx2Only} avx_vnni`)).toBe(false);
  });

  it('leaves a CPU it cannot read (not x64 Linux) alone on auto, and obeys exact and fast everywhere', () => {
    expect(widenInt8Products('auto', null)).toBe(false);
    expect(widenInt8Products('exact', `${avx2Only} avx512_vnni`)).toBe(true);
    expect(widenInt8Products('fast', avx2Only)).toBe(false);
  });
});
