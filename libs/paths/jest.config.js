module.exports = {
  displayName: 'paths',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
