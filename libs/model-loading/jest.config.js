module.exports = {
  displayName: 'model-loading',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
