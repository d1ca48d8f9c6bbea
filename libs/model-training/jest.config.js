module.exports = {
  displayName: 'model-training',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 30_000,
};
