module.exports = {
  displayName: 'product-contract',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
