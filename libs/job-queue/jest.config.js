module.exports = {
  displayName: 'job-queue',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Real databases and a real Redis: seconds, not milliseconds.
  testTimeout: 30_000,
};
