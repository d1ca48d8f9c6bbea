import { setFlagsFromString } from 'node:v8';

/**
 * Lets V8's old generation grow to (1 + percent/100) × the live heap between full collections (V8 picks
 * 1.1–4× by itself). Under image load the gateway marked and compacted its ~50 MB heap 20–38 times in 10 s,
 * each one started by V8's soft limit ("Start (task)" under --trace-incremental-marking) and most of it
 * paid again by the concurrent marking threads; request bodies, decoded images and model outputs are
 * ArrayBuffers, which V8 weighs against that limit. At 300: 9–14 in 10 s and ~0.7 ms less CPU per
 * MobileNetV2 request, with the committed heap still ~90 MB (apps/inference-gateway/README.md, fourth round).
 * 0 leaves V8's own heuristic. Called at the start of the process; worker threads started later share it.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
