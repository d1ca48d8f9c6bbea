import * as tf from '@tensorflow/tfjs';

/** The slice of the WASM backend a JS kernel needs: tensors live in the WASM heap. */
interface WasmBackendHeap {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

let registered = false;

/**
 * Embedding tables (user and item factors) are trained with tf.gather, whose gradient is
 * UnsortedSegmentSum. tfjs-backend-wasm lacks that kernel, and its generic strided GatherV2 copies
 * 80,000 rows of 64 floats in ~200 ms. Both are replaced here by plain row copies over the WASM
 * heap (~100× faster); any other gather (axis ≠ 0, batch dims) still goes to the original kernel.
 * Registered once per process, before training.
 */
export function registerWasmEmbeddingKernels(): void {
  if (registered) return;
  registered = true;
  const original = tf.getKernel('GatherV2', 'wasm');
  if (!original) throw new Error('the WASM backend is not registered: import @tensorflow/tfjs-backend-wasm first');
  tf.unregisterKernel('GatherV2', 'wasm');
  tf.registerKernel({
    kernelName: 'GatherV2',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { axis, batchDims } = attrs as { axis: number; batchDims: number };
      const x = inputs.x as tf.TensorInfo;
      const indices = inputs.indices as tf.TensorInfo;
      if (axis !== 0 || batchDims || indices.dtype !== 'int32' || x.dtype === 'string') return original.kernelFunc(args);
      const heap = backend as unknown as WasmBackendHeap;
      const rowShape = x.shape.slice(1);
      const rowSize = rowShape.reduce((a, b) => a * b, 1);
      const ids = heap.typedArrayFromHeap(indices);
      const out = heap.makeOutput([...indices.shape, ...rowShape], x.dtype);
      const rows = heap.typedArrayFromHeap(x);
      const values = heap.typedArrayFromHeap(out);
      for (let i = 0; i < ids.length; i++) {
        const row = ids[i];
        if (row < 0 || row >= x.shape[0]) throw new Error(`GatherV2: the index value ${row} is not in [0, ${x.shape[0] - 1}]`);
        values.set(rows.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize);
      }
      return out;
    },
  });
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const heap = backend as unknown as WasmBackendHeap;
      const x = inputs.x as tf.TensorInfo;
      const segmentIds = inputs.segmentIds as tf.TensorInfo;
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const rowShape = x.shape.slice(segmentIds.shape.length);
      const rowSize = rowShape.reduce((a, b) => a * b, 1);
      const out = heap.makeOutput([numSegments, ...rowShape], x.dtype);
      const values = heap.typedArrayFromHeap(x);
      const ids = heap.typedArrayFromHeap(segmentIds);
      const sums = heap.typedArrayFromHeap(out);
      sums.fill(0);
      // Ids outside [0, numSegments) are dropped, as TensorFlow does.
      for (let i = 0; i < ids.length; i++) {
        const segment = ids[i];
        if (segment < 0 || segment >= numSegments) continue;
        const from = i * rowSize;
        const to = segment * rowSize;
        for (let j = 0; j < rowSize; j++) sums[to + j] += values[from + j];
      }
      return out;
    },
  });
}
