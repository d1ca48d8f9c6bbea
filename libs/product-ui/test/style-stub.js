// Stands in for CSS imports under Jest (Next.js bundles the real stylesheet).
module.exports = {};
