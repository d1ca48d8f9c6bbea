// Jest configs of the React projects (product-ui and the product webs): same preset, and CSS
// imports (Next.js bundles the real stylesheets) resolve to an empty module.
const path = require('node:path');

const presetPath = path.join(__dirname, '..', '..', 'jest.preset.js');
const preset = require(presetPath);

/** `projectDir` is the project's folder (__dirname of its jest.config.js); its name is the display name. */
function reactJestConfig(projectDir) {
  return {
    displayName: path.basename(projectDir),
    // Jest resolves a preset given relative to rootDir (an absolute one is read as a package name).
    preset: path.relative(projectDir, presetPath),
    rootDir: projectDir,
    testPathIgnorePatterns: ['/node_modules/', '/.next/'],
    moduleNameMapper: { ...preset.moduleNameMapper, '\\.css$': path.join(__dirname, 'style-stub.js') },
  };
}

/** A product web: its browser e2e starts the gateway, the API and the built web app: minutes, not seconds. */
function webJestConfig(projectDir) {
  return { ...reactJestConfig(projectDir), testTimeout: 300_000 };
}

module.exports = { reactJestConfig, webJestConfig };
