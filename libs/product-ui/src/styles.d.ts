// Stylesheets are bundled by Next.js; TypeScript only needs to know the import is allowed.
declare module '*.css';
