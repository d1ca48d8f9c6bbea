module.exports = {
  displayName: 'recommender-model',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
