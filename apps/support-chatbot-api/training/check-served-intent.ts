import type * as tf from '@tensorflow/tfjs';
import type { GatewayClient } from '@matrix/gateway-client';
import { argmaxRows, predictProbabilities, takeRows, weightedAverage } from '@matrix/model-training';
import { latestIntentArtifact } from '../src/model/intent-artifact';
import type { MemberSpec } from './intent-members';

/**
 * Registers the written version with the gateway and checks the served model agrees with the local
 * heads' weighted average (same weights, same features) on a sample of held-out rows.
 */
export async function registerAndCheckIntentModel(
  client: GatewayClient,
  out: string,
  check: { members: MemberSpec[]; finalModels: tf.LayersModel[]; weight: number; texts: string[]; sample: number[]; labels: string[] },
  log: (line: string) => void,
): Promise<void> {
  const artifact = latestIntentArtifact(out);
  const { model, gateway } = artifact.config;
  const info = await client.registerModel(model, gateway, artifact.files);
  log(`registered ${info.id}@${info.version}: ${info.state}`);
  const { members, finalModels, sample, labels } = check;
  const local = members.map((m, k) => predictProbabilities(finalModels[k], { matrix: takeRows(m.matrix, m.dim, sample), dim: m.dim }).probabilities);
  const localTop = argmaxRows(weightedAverage(local, [check.weight, 1 - check.weight]), labels.length);
  const served: number[] = [];
  for (let start = 0; start < sample.length; start += 64) {
    const answer = await client.classify(
      sample.slice(start, start + 64).map((i) => check.texts[i]),
      { model, priority: 'bulk' },
    );
    answer.results.forEach((r) => served.push(labels.indexOf(r.label)));
  }
  const agreement = served.filter((s, i) => s === localTop[i]).length / served.length;
  log(`${model}: gateway and local top-1 agree on ${(agreement * 100).toFixed(1)}% of ${served.length} held-out rows`);
  if (agreement < 0.99) throw new Error(`the served ${model} disagrees with the trained heads: check the exported files and the featuriser`);
}
