module.exports = {
  displayName: 'model-artifacts',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
