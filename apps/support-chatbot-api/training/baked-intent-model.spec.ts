import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { banking77Dir, loadIntentCsv } from '@matrix/datasets';
import { manifestWithModels, startGatewayProcess, type GatewayProcess } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import { headBatch, parseHeadPreprocessing } from '@matrix/head-inputs';
import { headInputTensors, loadLayersModelFiles, useWasmBackend } from '@matrix/model-training';
import type * as tf from '@tensorflow/tfjs';
import { intentModelDir, latestIntentArtifact } from '../src/model/intent-artifact';

// The committed classifier was baked from the two member heads of 2026-11-26.1, which the API used to
// average itself (Σ w·p / Σ w over the members' /v1/classify scores). Through a real gateway, on real
// Banking77 test rows, the one baked model must give the same probabilities as that average.

const BAKED_FROM = '2026-11-26.1';
const ROWS = 200;

interface OldMember {
  model: string;
  weight: number;
  folder: string;
  gateway: Record<string, unknown>;
}

describe('the baked intent classifier', () => {
  const artifact = latestIntentArtifact();
  const oldDir = join(intentModelDir(), BAKED_FROM);
  const oldMembers = (JSON.parse(readFileSync(join(oldDir, 'config.json'), 'utf8')) as { members: OldMember[] }).members;
  const labels = artifact.config.labels;
  // Every 15th test row: the file is grouped by intent, so this spreads over all 77.
  const test = loadIntentCsv(join(banking77Dir(), 'test.csv'))
    .filter((_, i) => i % 15 === 0)
    .slice(0, ROWS);
  const texts = test.map((row) => row.text);
  let gateway: GatewayProcess;
  let client: GatewayClient;

  beforeAll(async () => {
    gateway = await startGatewayProcess({
      MODEL_MANIFEST: manifestWithModels(['use-lite-en']),
      GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'baked-intent-store-')),
    });
    client = new GatewayClient({ baseUrl: gateway.url, timeoutMs: 60_000 });
    const files = (folder: string) => ({
      'model.json': readFileSync(join(oldDir, folder, 'model.json')),
      'weights.bin': readFileSync(join(oldDir, folder, 'weights.bin')),
    });
    for (const member of oldMembers) expect((await client.registerModel(member.model, member.gateway, files(member.folder))).state).toMatch(/READY|UNLOADED/);
    expect((await client.registerModel(artifact.config.model, artifact.config.gateway, artifact.files)).state).toMatch(/READY|UNLOADED/);
  }, 120_000);

  afterAll(() => gateway?.stop());

  /** [rows][labels] probabilities of a served model, in label order. */
  async function served(model: string): Promise<Float32Array[]> {
    const rows: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += 50) {
      const answer = await client.classify(texts.slice(start, start + 50), { model });
      answer.results.forEach((r) => rows.push(Float32Array.from(labels, (label) => r.scores[label] ?? 0)));
    }
    return rows;
  }

  it(`gives the members' weighted average (the old API-side combination) on ${ROWS} Banking77 test rows, within 1e-4`, async () => {
    expect(test).toHaveLength(ROWS);
    expect(new Set(test.map((row) => row.category)).size).toBeGreaterThan(70);
    const members = await Promise.all(oldMembers.map((m) => served(m.model)));
    const baked = await served(artifact.config.model);
    const total = oldMembers.reduce((sum, m) => sum + m.weight, 0);
    let worst = 0;
    let sameTop = 0;
    baked.forEach((row, i) => {
      const average = labels.map((_, c) => oldMembers.reduce((sum, m, k) => sum + (members[k][i][c] * m.weight) / total, 0));
      row.forEach((p, c) => (worst = Math.max(worst, Math.abs(p - average[c]))));
      if (argmax(row) === argmax(average)) sameTop++;
    });
    // Printed for the record (the MODEL_CARD cites this check).
    console.log(`baked vs member average on ${ROWS} rows: max |Δp| = ${worst.toExponential(2)}, same top-1 on ${sameTop}`);
    expect(worst).toBeLessThan(1e-4);
    expect(sameTop).toBe(ROWS);
    expect(artifact.config.members.map((m) => [m.model, m.weight])).toEqual(oldMembers.map((m) => [m.model, m.weight]));
  }, 120_000);

  it('scores as the local tfjs model fed by @matrix/head-inputs (same names, same layouts)', async () => {
    await useWasmBackend();
    const model = await loadLayersModelFiles(artifact.files);
    const some = texts.slice(0, 40);
    const { embeddings } = await client.embed(some, { model: 'use-lite-en' });
    const prep = parseHeadPreprocessing(artifact.config.model, artifact.config.gateway.preprocessing as Record<string, unknown>);
    const inputs = headInputTensors(
      model,
      headBatch(
        some,
        prep,
        undefined,
        embeddings.map((e) => Float32Array.from(e)),
      ),
    );
    const local = (model.predict(inputs) as tf.Tensor).dataSync();
    const gatewayRows = (await served(artifact.config.model)).slice(0, some.length);
    gatewayRows.forEach((row, i) => row.forEach((p, c) => expect(Math.abs(p - local[i * labels.length + c])).toBeLessThan(1e-5)));
  }, 60_000);
});

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}
