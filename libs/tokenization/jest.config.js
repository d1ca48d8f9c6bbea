module.exports = {
  displayName: 'tokenization',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
