// eslint-disable-next-line @nx/enforce-module-boundaries -- a project's Jest config extends the workspace's by path
const { webJestConfig } = require('../../tools/jest/react-project.js');

module.exports = webJestConfig(__dirname);
