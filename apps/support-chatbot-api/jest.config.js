module.exports = {
  displayName: 'support-chatbot-api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Real databases and servers: seconds, not milliseconds.
  testTimeout: 60_000,
};
