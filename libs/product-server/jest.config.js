module.exports = {
  displayName: 'product-server',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Real databases and servers: seconds, not milliseconds.
  testTimeout: 30_000,
};
