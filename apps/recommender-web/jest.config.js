module.exports = {
  displayName: 'recommender-web',
  preset: '../../tools/jest/web-preset.js',
  rootDir: __dirname,
};
