// eslint-disable-next-line @nx/enforce-module-boundaries -- a project's Jest config extends the workspace's by path
const { reactJestConfig } = require('../../tools/jest/react-project.js');

module.exports = reactJestConfig(__dirname);
