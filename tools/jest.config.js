module.exports = {
  displayName: 'workspace-tools',
  preset: '../jest.preset.js',
  rootDir: __dirname,
  // Linting the whole workspace graph takes a few seconds on first use.
  testTimeout: 60_000,
};
