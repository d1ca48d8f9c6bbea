// Shared Jest settings: @swc/jest compiles TypeScript (with decorator metadata for
// NestJS) about twice as fast as ts-jest; type errors are caught by `typecheck`.
const path = require('node:path');

module.exports = {
  testEnvironment: require.resolve('./tools/jest/node-environment.js'),
  // .mjs too: @matrix/db's offline migration code (libs/db/src/offline/*.mjs) and the Prisma wasm
  // schema engine's glue are ES modules, and Jest runs CommonJS, so @swc/jest compiles them as well.
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  transform: {
    '^.+\\.m?[tj]sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: require('./tools/jest/path-aliases.js'),
  // A random bootstrap token and a throw-away identity store per test file (tools/jest/identity-env.js).
  setupFilesAfterEnv: [path.join(__dirname, 'tools/jest/identity-env.js')],
  testMatch: ['**/?(*.)+(spec|test).[jt]s?(x)'],
  reporters: ['default', path.join(__dirname, 'tools/jest/count-reporter.js')],
  coverageReporters: ['text-summary', 'html'],
};
