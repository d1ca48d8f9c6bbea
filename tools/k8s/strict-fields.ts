import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import type { K8sObject } from './kustomize';

/**
 * Unknown fields (kubeconform's -strict, `kubectl apply --validate=strict`): the JSON schemas of kubernetes-models
 * accept any extra property, so a misspelt key in a patch (`readinesProbe`, `replica`) would pass unnoticed. The
 * same packages ship a TypeScript interface per kind, so each object is written as a typed object literal and
 * type-checked: TypeScript's excess-property check names every field the kind does not have, at any depth.
 * Returns the errors per object index (objects without a typed model are left to the schema check).
 */
export function unknownFieldErrors(objects: K8sObject[], modulePath: (apiVersion: string, kind: string) => string, root: string): Map<number, string[]> {
  const file = join(root, 'tools', 'k8s', '__strict-fields__.ts');
  const imports = new Map<string, string>();
  const lines: string[] = [];
  const ranges: { index: number; from: number; to: number }[] = [];
  objects.forEach((object, index) => {
    const path = modulePath(object.apiVersion, object.kind);
    if (!imports.has(path)) imports.set(path, `T${imports.size}`);
    const json = JSON.stringify(object, null, 1).split('\n');
    const from = lines.length;
    lines.push(`export const o${index}: ${imports.get(path)} = ${json[0]}`, ...json.slice(1));
    lines[lines.length - 1] += ';';
    ranges.push({ index, from, to: lines.length - 1 });
  });
  const header = [...imports].map(([path, alias]) => `import type { I${path.split('/').at(-1)} as ${alias} } from '${path}';`);
  const source = [...header, ...lines].join('\n');
  const offset = header.length;

  const options: ts.CompilerOptions = {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    baseUrl: root,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = (
    (exists) => (name: string) =>
      name === file || exists(name)
  )(host.fileExists.bind(host));
  host.getSourceFile = (name, language, onError, create) =>
    name === file ? ts.createSourceFile(name, source, language, true) : getSourceFile(name, language, onError, create);
  host.getCurrentDirectory = () => dirname(file);
  const program = ts.createProgram([file], options, host);
  const diagnostics = [...program.getSyntacticDiagnostics(program.getSourceFile(file)), ...program.getSemanticDiagnostics(program.getSourceFile(file))];

  const errors = new Map<number, string[]>();
  for (const diagnostic of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line - offset : -1;
    const range = ranges.find((r) => line >= r.from && line <= r.to);
    if (!range) throw new Error(`strict field check: ${message}`);
    const list = errors.get(range.index) ?? [];
    list.push(message);
    errors.set(range.index, list);
  }
  return errors;
}
