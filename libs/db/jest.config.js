const path = require('node:path');

const preset = require(path.join(__dirname, '..', '..', 'jest.preset.js'));

// The offline migration code (libs/db/src/offline/*.mjs) and the wasm schema engine's
// JS glue are ES modules; Jest runs CommonJS here, so @swc/jest compiles them as well.
const swcTransform = Object.values(preset.transform)[0];

module.exports = {
  displayName: 'db',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  transform: { '^.+\\.m?[tj]sx?$': swcTransform },
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  // Real databases (SQLite files, PostgreSQL) and the wasm engine: seconds, not milliseconds.
  testTimeout: 20000,
};
