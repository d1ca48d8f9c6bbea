const path = require('node:path');

const preset = require(path.join(__dirname, '..', '..', 'jest.preset.js'));

module.exports = {
  displayName: 'product-ui',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Components import their stylesheet; Jest renders markup only, so CSS resolves to an empty module.
  moduleNameMapper: { ...preset.moduleNameMapper, '\\.css$': '<rootDir>/test/style-stub.js' },
};
