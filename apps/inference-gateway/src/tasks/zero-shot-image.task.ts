import type { PipelineModelHandle } from '@matrix/model-loading';
import { AdapterContext, TaskAdapter } from './task-adapter';

export interface ZeroShotSample {
  bytes: Buffer;
  labels: string[];
  hypothesisTemplate?: string;
}

export interface ZeroShotImageClassifier {
  /** Scores per candidate label, in the order given. */
  adapter: TaskAdapter<ZeroShotSample, Float32Array>;
}

/** CLIP through transformers.js' zero-shot-image-classification pipeline (hub models only). */
export function createZeroShotImageClassifier(ctx: AdapterContext): ZeroShotImageClassifier {
  if (ctx.handle.kind !== 'pipeline') throw new Error(`model '${ctx.entry.id}': zero-shot image classification needs a transformers.js pipeline (CLIP)`);
  const handle: PipelineModelHandle = ctx.handle;
  return {
    adapter: {
      // Candidate labels differ per request, so each image runs with its own label set.
      async run(samples) {
        const { RawImage } = await import('@huggingface/transformers');
        const out: Float32Array[] = [];
        for (const sample of samples) {
          const image = await RawImage.fromBlob(new Blob([new Uint8Array(sample.bytes)]));
          const result = (await handle.run(image, {
            candidate_labels: sample.labels,
            hypothesis_template: sample.hypothesisTemplate ?? 'a photo of {}',
          })) as Array<{ label: string; score: number }>;
          out.push(Float32Array.from(sample.labels, (label) => result.find((r) => r.label === label)?.score ?? 0));
        }
        return out;
      },
    },
  };
}
