/** A head input's data and shape, runtime-neutral (the gateway's TensorValue and a tf.Tensor both take it as is). */
export type HeadTensor = { dtype: 'int32'; shape: number[]; data: Int32Array } | { dtype: 'float32'; shape: number[]; data: Float32Array };

/** A model input as far as building its tensor goes: its name and shape (null or ≤ 0 = dynamic). */
export interface HeadInputSpec {
  name: string;
  shape?: readonly (number | null)[];
}
