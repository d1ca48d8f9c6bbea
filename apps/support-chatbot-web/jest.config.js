module.exports = {
  displayName: 'support-chatbot-web',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/.next/'],
  // The browser e2e starts the gateway, the API and the built web app: minutes, not seconds.
  testTimeout: 300_000,
};
