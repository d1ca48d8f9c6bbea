// Maps every `@matrix/*` alias in tsconfig.base.json to its source, so Jest resolves
// libraries exactly as the TypeScript compiler does (one source of truth: the tsconfig).
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..', '..');
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const mapper = {};
for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths ?? {})) {
  const escaped = alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  mapper[`^${escaped}$`] = path.join(root, target);
}
module.exports = mapper;
