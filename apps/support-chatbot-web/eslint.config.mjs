import nextPlugin from '@next/eslint-plugin-next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a project's ESLint config extends the workspace one by path
import root from '../../eslint.config.mjs';

// The workspace rules (module boundaries) plus Next.js, React hooks and accessibility rules.
export default [
  ...root,
  { ignores: ['.next/**', 'next-env.d.ts'] },
  nextPlugin.configs['core-web-vitals'],
  reactHooks.configs.flat['recommended-latest'],
  { files: ['**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  // Next looks for pages in app/; tell its rules where the app is when linted from the repo root.
  { settings: { next: { rootDir: 'apps/support-chatbot-web/' } } },
];
