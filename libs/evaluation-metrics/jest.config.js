module.exports = {
  displayName: 'evaluation-metrics',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
