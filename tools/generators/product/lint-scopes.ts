import type { Tree } from '@nx/devkit';

const SCOPES = /const PRODUCT_SCOPES = \[([^\]]*)\];/;

/**
 * Adds `scope` to PRODUCT_SCOPES in eslint.config.mjs, so the module-boundary rule applies to the
 * new product (imports only itself and scope:shared, no model runtime) from its first lint.
 */
export function addProductScope(tree: Tree, scope: string, file = 'eslint.config.mjs'): void {
  const config = tree.read(file, 'utf-8');
  if (config === null) throw new Error(`${file} is missing`);
  const match = SCOPES.exec(config);
  if (!match) throw new Error(`${file} has no "const PRODUCT_SCOPES = [...]" to add scope:${scope} to`);
  const scopes = [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  if (scopes.includes(scope)) return;
  const list = [...scopes, scope].map((s) => `'${s}'`).join(', ');
  tree.write(file, config.replace(SCOPES, `const PRODUCT_SCOPES = [${list}];`));
}
