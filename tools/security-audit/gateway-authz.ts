import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestWithModels, runGatewayAuthzAudit, startGatewayProcess, type GatewayAuthzReport, type GatewayProcess } from '@matrix/dev-harness';
import { modelsDir } from '@matrix/paths';
import { parse } from 'yaml';

/**
 * The gateway's half of the security audit: a gateway with three keys — one with the infer scope for
 * MobileNet (the smallest model, loaded in seconds), one with the admin scope for every model, one with the
 * infer scope bound to the bulk lane — the lane bound to the key, every
 * model-control and infer route called with no key, each key, and every path case (`..`, `.`, `a/../b`,
 * absolute, NUL, over-long) as a model id and version (libs/dev-harness runGatewayAuthzAudit).
 */
export async function gatewayAuthz(): Promise<GatewayAuthzReport> {
  const manifest = manifestWithModels(['mobilenetv2-int8']);
  const entry = (parse(readFileSync(manifest, 'utf8')) as { models: Array<Record<string, unknown>> }).models[0];
  const { id, ...config } = entry;
  const storeDir = mkdtempSync(join(tmpdir(), 'gateway-authz-store-'));
  const inferKey = randomBytes(24).toString('base64url');
  const adminKey = randomBytes(24).toString('base64url');
  const bulkKey = randomBytes(24).toString('base64url');
  let gateway: GatewayProcess | undefined;
  try {
    gateway = await startGatewayProcess({
      MODEL_MANIFEST: manifest,
      GATEWAY_MODEL_STORE: storeDir,
      GATEWAY_API_KEYS: `audit-product:${inferKey}:${String(id)};audit-ops:${adminKey}:-:admin=*;audit-batch:${bulkKey}:${String(id)}:lane=bulk`,
    });
    return await runGatewayAuthzAudit({
      url: gateway.url,
      storeDir,
      inferKey,
      adminKey,
      bulkKey,
      model: { id: String(id), version: String(entry.version), entry: config },
      image: readFileSync(join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg')),
      otherModel: 'not-granted-model',
    });
  } finally {
    await gateway?.stop();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

/** Prints each violation, then the one summary line; true when there was none. */
export function reportGatewayAuthz(report: GatewayAuthzReport): boolean {
  for (const failure of report.failures) console.error(`[gateway-authz] VIOLATION ${JSON.stringify(failure)}`);
  const { failures: _failures, ...summary } = report;
  console.log(JSON.stringify(summary));
  return report.violations === 0;
}
