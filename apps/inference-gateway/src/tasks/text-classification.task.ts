import type { PipelineModelHandle, TensorModelHandle } from '@matrix/model-loading';
import { denseFeaturesTensor, parseHeadPreprocessing } from '@matrix/head-inputs';
import { parseHashedNgramSpec, type HashedNgramSpec } from '@matrix/tokenization';
import { isDistribution, labelScoresToRows, softmax } from './scores';
import { HeadInputBuilder, type HeadSample } from './head-inputs';
import { AdapterContext, rowsOf, TaskAdapter, toFloat32 } from './task-adapter';

/** A text, plus its sentence embedding when the classifier is a head on an embedding model. */
export type TextSample = HeadSample;

export interface TextClassifier {
  /** The embedding model this head reads (manifest `preprocessing.embeddingModel`), if any. */
  embeddingModel: string | undefined;
  labels: string[] | undefined;
  /** Class probabilities per text, in label order. */
  adapter: TaskAdapter<TextSample, Float32Array>;
}

/**
 * A classifier head trained by a product (e.g. an MLP on USE embeddings, or one that also reads the
 * text's tokens): its inputs come from the manifest's preprocessing, [n, classes] comes out. Heads
 * keep the gateway generic: any product can ship one without new code.
 */
async function headClassifier(ctx: AdapterContext, handle: TensorModelHandle): Promise<TextClassifier> {
  const prep = parseHeadPreprocessing(ctx.entry.id, ctx.entry.preprocessing as Record<string, unknown> | undefined);
  const inputs = await HeadInputBuilder.create(ctx.entry.id, handle.inputs, prep);
  return {
    embeddingModel: prep.embeddingModel,
    labels: ctx.labels,
    adapter: {
      async run(samples) {
        const result = await handle.infer(inputs.build(samples));
        const [tensor] = Object.values(result);
        return rowsOf(toFloat32(tensor.data), samples.length).map((row) => (isDistribution(row) ? Float32Array.from(row) : softmax(row)));
      },
    },
  };
}

/**
 * A head on text features computed here from the text itself (manifest `preprocessing.features`,
 * e.g. hashed word/char n-grams): a linear or MLP model a product trained with the same featuriser.
 */
function featureClassifier(ctx: AdapterContext, handle: TensorModelHandle, spec: HashedNgramSpec): TextClassifier {
  const input = handle.inputs[0];
  return {
    embeddingModel: undefined,
    labels: ctx.labels,
    adapter: {
      async run(samples) {
        const result = await handle.infer({
          [input.name]: denseFeaturesTensor(
            samples.map((s) => s.text),
            spec,
          ),
        });
        const [tensor] = Object.values(result);
        return rowsOf(toFloat32(tensor.data), samples.length).map((row) => (isDistribution(row) ? Float32Array.from(row) : softmax(row)));
      },
    },
  };
}

/** transformers.js text-classification (e.g. DistilBERT SST-2): all class scores per text. */
function pipelineClassifier(ctx: AdapterContext, handle: PipelineModelHandle): TextClassifier {
  return {
    embeddingModel: undefined,
    labels: ctx.labels,
    adapter: {
      async run(samples) {
        const output = (await handle.run(
          samples.map((s) => s.text),
          { top_k: null },
        )) as Array<Array<{ label: string; score: number }>>;
        const rows = samples.length === 1 && !Array.isArray(output[0]) ? [output as unknown as Array<{ label: string; score: number }>] : output;
        return labelScoresToRows(rows, ctx.labels).rows;
      },
    },
  };
}

export async function createTextClassifier(ctx: AdapterContext): Promise<TextClassifier> {
  if (ctx.handle.kind === 'pipeline') return pipelineClassifier(ctx, ctx.handle);
  const prep = ctx.entry.preprocessing as { features?: unknown; embeddingModel?: unknown; tokenizer?: unknown } | undefined;
  // Features alone, read as one dense vector (e.g. the chatbot's n-gram head); beside an embedding or
  // tokens they arrive as sparse `feature_ids`/`feature_values` (@matrix/head-inputs).
  if (prep?.features !== undefined && prep.embeddingModel === undefined && prep.tokenizer === undefined)
    return featureClassifier(ctx, ctx.handle, parseHashedNgramSpec(prep.features));
  return headClassifier(ctx, ctx.handle);
}
