import type { Tree } from '@nx/devkit';

/** The example routes the API templates declare (files/apps/__name__-api/src), as docs/access.md lists them. */
export const GENERATED_ROUTE_ACCESS: ReadonlyArray<{ method: string; path: string; access: string; why: string }> = [
  { method: 'POST', path: '/api/documents', access: "Roles('analyst')", why: 'an import (stores and embeds texts)' },
  { method: 'GET', path: '/api/documents', access: "Roles('viewer')", why: 'reads stored documents' },
  { method: 'GET', path: '/api/documents/:id', access: "Roles('viewer')", why: 'reads one document' },
  { method: 'DELETE', path: '/api/documents/:id', access: "Roles('admin')", why: 'deletes data' },
  { method: 'POST', path: '/api/search', access: "Roles('viewer')", why: 'a read (similarity search; nothing stored)' },
  { method: 'POST', path: '/api/reembed-jobs', access: "Roles('admin')", why: 'model maintenance (re-embeds every document)' },
];

const DOC = 'docs/access.md';
const TABLE_HEADER = '| product | method | path | access | why |\n| --- | --- | --- | --- | --- |\n';

/** Adds the new product's routes to docs/access.md (the table its route-access spec checks), creating the file if needed. */
export function addRouteAccessRows(tree: Tree, product: string): void {
  const rows = GENERATED_ROUTE_ACCESS.map((r) => `| ${product} | ${r.method} | \`${r.path}\` | \`${r.access}\` | ${r.why} |`).join('\n') + '\n';
  const current = tree.exists(DOC) ? (tree.read(DOC, 'utf-8') ?? '') : `# Who may call each product route (issue 14)\n\n${TABLE_HEADER}`;
  if (current.split('\n').some((line) => line.startsWith(`| ${product} |`))) return;
  tree.write(DOC, (current.endsWith('\n') ? current : `${current}\n`) + rows);
}
