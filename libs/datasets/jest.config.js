module.exports = {
  displayName: 'datasets',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
