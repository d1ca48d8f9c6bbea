module.exports = {
  displayName: 'inference-gateway',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
