module.exports = {
  displayName: 'db',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Real databases and servers: seconds, not milliseconds.
  testTimeout: 20000,
};
