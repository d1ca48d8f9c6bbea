const path = require('node:path');

const preset = require(path.join(__dirname, '..', '..', 'jest.preset.js'));

// The API uses @matrix/db, whose offline migration code (libs/db/src/offline/*.mjs) and wasm schema
// engine glue are ES modules; Jest runs CommonJS, so @swc/jest compiles them too (as in libs/db).
const swcTransform = Object.values(preset.transform)[0];

module.exports = {
  displayName: 'sentiment-api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  transform: { '^.+\\.m?[tj]sx?$': swcTransform },
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  testTimeout: 60_000,
};
