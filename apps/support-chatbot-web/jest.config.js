module.exports = {
  displayName: 'support-chatbot-web',
  preset: '../../tools/jest/web-preset.js',
  rootDir: __dirname,
};
