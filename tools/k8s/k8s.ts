// Kubernetes manifests of deploy/, offline.
//   k8s.ts validate [--file <yaml>…]   render every overlay, schema-check every object, print a table and one JSON line
//   k8s.ts render <overlay>            print an overlay's objects as YAML (what `kubectl kustomize deploy/overlays/<overlay>` prints)
//   k8s.ts write-base                  regenerate deploy/base from apps/*/project.json and tools/k8s/manifests.ts
// Targets: npx nx run workspace-tools:k8s-validate | k8s-render -- <overlay> | k8s-render -- --write-base
// (deploy/README.md explains the layout).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { readYamlDocuments, renderKustomization, toYaml, type K8sObject } from './kustomize';
import { baseFiles } from './manifests';
import { validateObjects } from './validate';

const root = workspaceRoot();
export const DEPLOY_DIR = join(root, 'deploy');

/** The overlays under deploy/overlays, in name order. */
export function overlays(): string[] {
  return readdirSync(join(DEPLOY_DIR, 'overlays')).sort();
}

function writeBase(): void {
  const dir = join(DEPLOY_DIR, 'base');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(baseFiles(root))) writeFileSync(join(dir, name), content);
  console.log(`deploy/base: ${Object.keys(baseFiles(root)).length} files written`);
}

async function validate(files: string[]): Promise<number> {
  const sets: [string, K8sObject[]][] = files.length
    ? files.map((file) => [file, readYamlDocuments(file) as K8sObject[]])
    : overlays().map((overlay) => [overlay, renderKustomization(join(DEPLOY_DIR, 'overlays', overlay))]);
  const rows: string[][] = [];
  let objects = 0;
  let invalid = 0;
  for (const [set, list] of sets) {
    for (const verdict of await validateObjects(list, root)) {
      const object = verdict.object;
      objects++;
      if (!verdict.valid) invalid++;
      rows.push([set, String(object.kind), String(object.metadata?.name), verdict.valid ? 'valid' : `INVALID: ${verdict.errors.join('; ')}`]);
    }
  }
  const header = ['overlay', 'kind', 'name', 'valid'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (i < 3 ? row[i].length : 0))));
  const line = (row: string[]) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(Math.max(w, 5)))));
  for (const row of rows) console.log(line(row));
  console.log(JSON.stringify({ suite: 'k8s', objects, invalid }));
  return invalid === 0 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command = 'validate', ...rest] = argv;
  // `npx nx run workspace-tools:k8s-render -- --write-base` arrives as `render --write-base`.
  if (command === 'write-base' || argv.includes('--write-base')) {
    writeBase();
    return 0;
  }
  if (command === 'render') {
    const overlay = rest[0];
    if (!overlay || !overlays().includes(overlay)) {
      console.error(`render <overlay>: one of ${overlays().join(', ')}`);
      return 2;
    }
    process.stdout.write(toYaml(renderKustomization(join(DEPLOY_DIR, 'overlays', overlay))));
    return 0;
  }
  if (command === 'validate') {
    const files: string[] = [];
    for (let i = 0; i < rest.length; i++) if (rest[i] === '--file') files.push(rest[++i]);
    return validate(files);
  }
  console.error(`unknown command "${command}": validate [--file <yaml>] | render <overlay> | write-base`);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
