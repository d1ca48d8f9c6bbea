module.exports = {
  displayName: 'product-ui',
  preset: '../../tools/jest/react-preset.js',
  rootDir: __dirname,
};
