module.exports = {
  displayName: 'image-tagger-api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Real databases, gateway and models: seconds, not milliseconds.
  testTimeout: 60_000,
};
