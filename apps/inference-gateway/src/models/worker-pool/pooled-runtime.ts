import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ModelLoadFailedError, ModelRuntime, RuntimeLoadRequest, RuntimeRegistry, TensorModelHandle, TensorValue } from '@matrix/model-loading';
import { isHandedOver, recycle } from './hand-over';
import { SharedInputSlots } from './shared-inputs';
import type { InferMessage, ModelWorkerData, WorkerReply } from './worker-messages';

interface PoolMember {
  worker: Worker;
  busy: number;
  pending: Map<number, { resolve: (outputs: Record<string, TensorValue>) => void; reject: (error: Error) => void }>;
}

function startMember(data: ModelWorkerData): Promise<{ member: PoolMember; ready: Extract<WorkerReply, { type: 'ready' }> }> {
  const worker = new Worker(join(__dirname, 'model-worker-bootstrap.js'), { workerData: data });
  const member: PoolMember = { worker, busy: 0, pending: new Map() };
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      for (const waiter of member.pending.values()) waiter.reject(error);
      member.pending.clear();
    };
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') resolve({ member, ready: reply });
      else if (reply.type === 'load-failed') {
        void worker.terminate();
        reject(new ModelLoadFailedError(data.entry.id, data.resolved.entryFile ?? data.entry.id, new Error(reply.message)));
      } else {
        const waiter = member.pending.get(reply.id);
        member.pending.delete(reply.id);
        if (reply.type === 'result') waiter?.resolve(reply.outputs);
        else waiter?.reject(new Error(reply.message));
      }
    });
    worker.on('error', (error) => {
      fail(error);
      reject(error);
    });
    worker.on('exit', (code) => fail(new Error(`model worker for ${data.entry.id} exited (code ${code})`)));
  });
}

export interface PoolingOptions {
  /**
   * Fewest instances that run in worker threads (fewer load in the gateway's own thread): 2 for a
   * runtime that is only pooled to use more cores, 1 for one whose inference call blocks the
   * calling thread (onnxruntime-node runs a session synchronously on it).
   */
  minInstancesInWorkers: number;
}

/**
 * Runs `instances` copies of a model, each in its own worker thread, behind one tensor handle: a
 * batch goes to the least busy copy. This is how a single-threaded runtime (TensorFlow.js WASM has
 * no threads in Node) uses every core, as Triton's instance groups do, and how a runtime that
 * blocks its caller leaves the gateway's event loop free: HTTP, decoding and preprocessing of the
 * next batch go on while the model runs the current one.
 */
export function pooledRuntime(base: ModelRuntime, options: PoolingOptions = { minInstancesInWorkers: 2 }): ModelRuntime {
  return {
    name: base.name,
    async load(request: RuntimeLoadRequest) {
      const count = request.entry.instances ?? 1;
      if (count < options.minInstancesInWorkers) return base.load(request);
      const started = performance.now();
      const data: ModelWorkerData = { entry: request.entry, resolved: request.resolved, settings: request.settings };
      const members = await Promise.all(Array.from({ length: count }, () => startMember(data)));
      const pool = members.map((m) => m.member);
      const first = members[0].ready;
      let nextId = 0;
      let disposed = false;
      const shared = new SharedInputSlots();
      const handle: TensorModelHandle = {
        kind: 'tensor',
        modelId: request.entry.id,
        version: request.entry.version,
        runtime: base.name,
        device: {
          ...first.device,
          detail: `${first.device.detail ?? ''}${first.device.detail ? '; ' : ''}${count} instance${count === 1 ? '' : 's'} in worker threads`,
        },
        inputs: first.inputs,
        outputs: first.outputs,
        loadTimeMs: performance.now() - started,
        infer(inputs, outputs) {
          if (disposed) return Promise.reject(new Error(`model ${request.entry.id} was unloaded`));
          const member = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
          const id = nextId++;
          member.busy++;
          const lent = shared.lend(inputs, isHandedOver);
          // The handed-over values are in shared memory now: their buffers serve the caller's next batch.
          lent.replaced.forEach(recycle);
          return new Promise<Record<string, TensorValue>>((resolve, reject) => {
            member.pending.set(id, { resolve, reject });
            member.worker.postMessage({ type: 'infer', id, inputs: lent.inputs, outputs } satisfies InferMessage);
          }).finally(() => {
            member.busy--;
            shared.giveBack(lent.slots);
          });
        },
        async dispose() {
          if (disposed) return;
          disposed = true;
          await Promise.all(pool.map((m) => m.worker.terminate()));
        },
      };
      return handle;
    },
  };
}

/** Runtimes that run in worker threads, and from how many instances on. */
const POOLED: Partial<Record<string, PoolingOptions>> = {
  'tfjs-graph': { minInstancesInWorkers: 2 },
  'tfjs-layers': { minInstancesInWorkers: 2 },
  // Its session.run holds the calling thread for the whole batch: in the gateway's thread it would stall every request.
  onnxruntime: { minInstancesInWorkers: 1 },
};

/** The runtime registry with TensorFlow.js runtimes able to run several instances in threads, and ONNX Runtime off the event loop. */
export function pooledRuntimes(registry: RuntimeRegistry): RuntimeRegistry {
  return new Map(
    [...registry].map(([name, runtime]) => {
      const pooling = POOLED[name];
      return [name, pooling ? pooledRuntime(runtime, pooling) : runtime];
    }),
  );
}
