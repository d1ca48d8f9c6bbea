import type { TensorInfo, TensorValue } from '@matrix/model-loading';
import { buildHeadInputs, checkHeadInputs, headBatch, type HeadPreprocessing } from '@matrix/head-inputs';
import { loadUseTokenizer, type UseTokenizer } from '@matrix/tokenization';

/** A text plus what the head needs of it. */
export interface HeadSample {
  text: string;
  embedding?: Float32Array;
}

/**
 * Builds a head's input tensors for a batch with @matrix/head-inputs, the module training feeds its
 * heads with: the input names and layouts are defined there once.
 */
export class HeadInputBuilder {
  private constructor(
    private readonly inputs: readonly TensorInfo[],
    private readonly prep: HeadPreprocessing,
    private readonly tokenizer: UseTokenizer | undefined,
  ) {}

  static async create(modelId: string, inputs: readonly TensorInfo[], prep: HeadPreprocessing): Promise<HeadInputBuilder> {
    checkHeadInputs(
      modelId,
      inputs.map((input) => input.name),
      prep,
    );
    const tokenizer = prep.tokens ? await loadUseTokenizer() : undefined;
    return new HeadInputBuilder(inputs, prep, tokenizer);
  }

  build(samples: readonly HeadSample[]): Record<string, TensorValue> {
    const batch = headBatch(
      samples.map((s) => s.text),
      this.prep,
      this.tokenizer,
      samples.map((s) => s.embedding),
    );
    return buildHeadInputs(this.inputs, batch);
  }
}
