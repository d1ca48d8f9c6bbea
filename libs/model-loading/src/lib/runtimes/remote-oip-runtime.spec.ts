import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RemoteServerUnavailableError } from '../errors';
import { modelEntrySchema } from '../manifest/manifest-schema';
import { resolveModel } from '../resolution/resolve-model';
import { offlineSettings, tempDir } from '../testing/fixtures';
import type { TensorModelHandle } from './model-handle';
import { remoteOipRuntime } from './remote-oip-runtime';

/** A stand-in Triton speaking KServe v2 JSON: model "doubler" returns its FP32 input times two. */
function fakeTriton(): Server {
  return createServer((request, response) => {
    const reply = (status: number, body?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (request.url === '/v2/models/doubler/ready') return reply(200);
    if (request.url === '/v2/models/doubler')
      return reply(200, {
        name: 'doubler',
        platform: 'onnxruntime_onnx',
        inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 2] }],
        outputs: [{ name: 'y', datatype: 'FP32', shape: [-1, 2] }],
      });
    if (request.url === '/v2/models/doubler/infer' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const input = (JSON.parse(body) as { inputs: { shape: number[]; data: number[] }[] }).inputs[0];
        reply(200, { model_name: 'doubler', outputs: [{ name: 'y', datatype: 'FP32', shape: input.shape, data: input.data.map((v) => v * 2) }] });
      });
      return;
    }
    reply(404, { error: 'unknown model' });
  });
}

describe('remote-oip runtime', () => {
  const scratch = tempDir();
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = fakeTriton();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    scratch.remove();
  });

  const entryFor = (serverUrl: string, model: string) =>
    modelEntrySchema.parse({ id: 'remote', task: 'tabular-scoring', runtime: 'remote-oip', source: { type: 'remote', url: serverUrl, model } });

  async function load(serverUrl: string, model: string): Promise<TensorModelHandle> {
    const settings = offlineSettings(scratch.path, { networkTimeoutMs: 500 });
    const entry = entryFor(serverUrl, model);
    return (await remoteOipRuntime.load({ entry, resolved: await resolveModel(entry, settings), settings })) as TensorModelHandle;
  }

  it('reads metadata, reports the remote device and forwards inference', async () => {
    const handle = await load(url, 'doubler');
    expect(handle.device).toEqual({ device: 'remote', backend: `oip ${url}`, detail: 'onnxruntime_onnx', skipped: [] });
    expect(handle.inputs).toEqual([{ name: 'x', dtype: 'float32', shape: [-1, 2] }]);
    const { y } = await handle.infer({ x: { dtype: 'float32', shape: [1, 2], data: Float32Array.from([1.5, -2]) } });
    expect(y).toEqual({ dtype: 'float32', shape: [1, 2], data: Float32Array.from([3, -4]) });
  });

  it('reports a model the server does not have, and a server that is down', async () => {
    await expect(load(url, 'absent')).rejects.toThrow(/model absent not ready \(HTTP 404\)/);
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((done) => closed.close(done));
    const error = await load(closedUrl, 'doubler').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteServerUnavailableError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});
