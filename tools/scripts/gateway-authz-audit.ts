// `npx nx run workspace-tools:gateway-authz`: starts an inference gateway with two keys — one with the
// infer scope for MobileNet, one with the admin scope for every model — calls every model-control and
// infer route with no key, each key, and every path case (libs/dev-harness runGatewayAuthzAudit), and
// ends with one JSON line {"suite":"gateway-authz","routes":N,"checks":N,"violations":0}. Exit 1 on a violation.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestWithModels, runGatewayAuthzAudit, startGatewayProcess, type GatewayProcess } from '@matrix/dev-harness';
import { modelsDir } from '@matrix/paths';
import { parse } from 'yaml';

async function main(): Promise<number> {
  const manifest = manifestWithModels(['mobilenetv2-int8']);
  const entry = (parse(readFileSync(manifest, 'utf8')) as { models: Array<Record<string, unknown>> }).models[0];
  const { id, ...config } = entry;
  const storeDir = mkdtempSync(join(tmpdir(), 'gateway-authz-store-'));
  const inferKey = randomBytes(24).toString('base64url');
  const adminKey = randomBytes(24).toString('base64url');
  let gateway: GatewayProcess | undefined;
  try {
    gateway = await startGatewayProcess({
      MODEL_MANIFEST: manifest,
      GATEWAY_MODEL_STORE: storeDir,
      GATEWAY_API_KEYS: `audit-product:${inferKey}:${String(id)};audit-ops:${adminKey}:-:admin=*`,
    });
    const report = await runGatewayAuthzAudit({
      url: gateway.url,
      storeDir,
      inferKey,
      adminKey,
      model: { id: String(id), version: String(entry.version), entry: config },
      image: readFileSync(join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg')),
      otherModel: 'not-granted-model',
    });
    for (const failure of report.failures) console.error(`[gateway-authz] VIOLATION ${JSON.stringify(failure)}`);
    const { failures: _failures, ...summary } = report;
    console.log(JSON.stringify(summary));
    return report.violations === 0 ? 0 : 1;
  } finally {
    await gateway?.stop();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[gateway-authz] failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
