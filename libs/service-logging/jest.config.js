module.exports = {
  displayName: 'service-logging',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
