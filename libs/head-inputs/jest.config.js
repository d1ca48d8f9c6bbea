module.exports = {
  displayName: 'head-inputs',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
