import type * as tf from '@tensorflow/tfjs';
import type { TrainHeadResult } from '@matrix/model-training';

/** A trained ensemble member (token or n-gram head): its served model and P(positive) for any texts. */
export interface TrainedStage {
  /** The served form of the head. */
  model: tf.LayersModel;
  architecture: string;
  result: TrainHeadResult;
  /** P(positive) of the head for any texts (no dropout). */
  predict(texts: readonly string[]): Float32Array;
}
