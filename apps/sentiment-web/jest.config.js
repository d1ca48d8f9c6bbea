module.exports = {
  displayName: 'sentiment-web',
  preset: '../../tools/jest/web-preset.js',
  rootDir: __dirname,
};
