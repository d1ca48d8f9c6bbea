const path = require('node:path');

const preset = require(path.join(__dirname, '..', '..', 'jest.preset.js'));

// @matrix/db runs its offline migration code (libs/db/src/offline/*.mjs) and the wasm schema
// engine's JS glue, which are ES modules; Jest runs CommonJS, so @swc/jest compiles them too.
const swcTransform = Object.values(preset.transform)[0];

module.exports = {
  displayName: 'product-server',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  transform: { '^.+\\.m?[tj]sx?$': swcTransform },
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  testTimeout: 30_000,
};
