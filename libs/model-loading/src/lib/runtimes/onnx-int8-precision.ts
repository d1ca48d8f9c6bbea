import { readFileSync } from 'node:fs';

export const ORT_INT8_PRECISIONS = ['auto', 'exact', 'fast'] as const;
export type OrtInt8Precision = (typeof ORT_INT8_PRECISIONS)[number];

/**
 * Whether onnxruntime should widen int8 products to int16 on x64 (its `session.x64quantprecision`).
 *
 * Without VNNI, x64 CPUs multiply u8 × s8 pairs with VPMADDUBSW, whose int16 sums saturate: quantized models
 * then answer differently by CPU (onnxruntime issues #5849, #6004, #14642). Measured with MobileNetV2-int8 on the
 * 500 images of imagenet-sample, AVX2-only AMD EPYC: top-1 0.744 saturating, 0.82 widened (what VNNI CPUs
 * answer), for ~8 % more CPU per image. `auto` widens only where VNNI is missing; `exact` always, `fast` never.
 */
export function widenInt8Products(precision: OrtInt8Precision, cpuFlags: string | null = x64CpuFlags()): boolean {
  if (precision !== 'auto') return precision === 'exact';
  if (cpuFlags === null) return false; // not x64 Linux: nothing known to saturate
  return !/\b(avx512_vnni|avx_vnni|amx_int8)\b/.test(cpuFlags);
}

let cpuFlags: string | null | undefined;

/** The first CPU's feature flags on x64 Linux, else null; read once per process (every model load asks). */
function x64CpuFlags(): string | null {
  if (cpuFlags !== undefined) return cpuFlags;
  cpuFlags = null;
  if (process.arch === 'x64' && process.platform === 'linux') {
    try {
      cpuFlags = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? null;
    } catch {
      // unreadable /proc: treated as unknown
    }
  }
  return cpuFlags;
}
