module.exports = {
  displayName: 'image-tagger-web',
  preset: '../../tools/jest/web-preset.js',
  rootDir: __dirname,
};
