// Jest preset of a product web: the React preset, and time for the browser e2e, which starts the gateway,
// the API and the built web app: minutes, not seconds.
module.exports = { ...require('./react-preset.js'), testTimeout: 300_000 };
