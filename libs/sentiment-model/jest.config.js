module.exports = {
  displayName: 'sentiment-model',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
