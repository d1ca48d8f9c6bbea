// Stands in for CSS imports under Jest (Next.js bundles the real stylesheets); see react-preset.js.
module.exports = {};
