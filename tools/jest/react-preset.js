// Jest preset of the React projects (product-ui and the product webs): the workspace preset, Next's build
// output left alone, and CSS imports (Next.js bundles the real stylesheets) resolved to an empty module.
// A preset, not a required helper: a project's jest.config.js names it by path, so it adds no project-graph edge.
const path = require('node:path');
const preset = require(path.join(__dirname, '..', '..', 'jest.preset.js'));

module.exports = {
  ...preset,
  testPathIgnorePatterns: ['/node_modules/', '/.next/'],
  moduleNameMapper: { ...preset.moduleNameMapper, '\\.css$': path.join(__dirname, 'style-stub.js') },
};
