module.exports = {
  displayName: 'gateway-client',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
