import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';

// Lints code from stdin as if it lived at a path inside a real project, so the rule sees the
// real Nx project graph and tags. Proves the boundaries in eslint.config.mjs are enforced.
// ESLint runs as its own process: its ESM config cannot be imported inside Jest's VM.
const root = workspaceRoot();

interface LintMessage {
  ruleId: string | null;
  message: string;
}

async function boundaryErrors(fileInProject: string, code: string): Promise<string[]> {
  const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const run = spawnSync(process.execPath, [eslintBin, '--stdin', '--stdin-filename', join(root, fileInProject), '--format', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (!run.stdout.trim().startsWith('[')) throw new Error(`eslint failed (exit ${run.status}): ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as Array<{ messages: LintMessage[] }>;
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  it('bans model runtimes from shared utility libraries', async () => {
    const errors = await boundaryErrors(
      'libs/evaluation-metrics/src/lib/boundary-fixture.ts',
      "import { pipeline } from '@huggingface/transformers';\nexport const p = pipeline;\n",
    );
    expect(errors.join('\n')).toMatch(/@huggingface\/transformers/);
  });

  it('bans onnxruntime from shared data libraries', async () => {
    const errors = await boundaryErrors('libs/datasets/src/lib/boundary-fixture.ts', "import * as ort from 'onnxruntime-node';\nexport const o = ort;\n");
    expect(errors.join('\n')).toMatch(/onnxruntime-node/);
  });

  it('lets a util lib depend on util libs only, not on data libs', async () => {
    const errors = await boundaryErrors(
      'libs/tokenization/src/lib/boundary-fixture.ts',
      "import { datasetsDir } from '@matrix/paths';\nimport { createPrismaClient } from '@matrix/db';\nexport const x = [datasetsDir, createPrismaClient];\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe('A project tagged with "type:util" can only depend on libs tagged with "type:util"');
  });

  it('keeps model runtimes out of products: no runtime package, no runtime lib', async () => {
    const errors = await boundaryErrors(
      'apps/sentiment-api/src/boundary-fixture.ts',
      "import * as ort from 'onnxruntime-node';\nimport { ModelRepository } from '@matrix/model-loading';\nexport const x = [ort, ModelRepository];\n",
    );
    expect(errors.join('\n')).toMatch(/onnxruntime-node/);
    expect(errors.join('\n')).toMatch(/type:runtime/);
  });

  it('never lets a product import the inference gateway (an app)', async () => {
    const errors = await boundaryErrors(
      'apps/sentiment-api/src/boundary-fixture.ts',
      "import { GatewayModule } from '../../inference-gateway/src/app.module';\nexport const x = GatewayModule;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('allows the model runtime layer to import model runtimes', async () => {
    const errors = await boundaryErrors('libs/model-loading/src/lib/boundary-fixture.ts', "import * as ort from 'onnxruntime-node';\nexport const o = ort;\n");
    expect(errors).toEqual([]);
  });
});
