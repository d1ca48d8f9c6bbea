import nextPlugin from '@next/eslint-plugin-next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace config, extended by path
import root from '../../eslint.config.mjs';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ESLint for React projects (product-ui and the product webs). */
export const reactConfig = [
  // The workspace rules (module boundaries)
  ...root,
  // plus React's: hooks used correctly, and the accessibility rules (labels, roles) checked by lint rather than by hope.
  reactHooks.configs.flat['recommended-latest'],
  { files: ['**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
];

/** A product web's ESLint config: the React rules plus Next.js's. `configUrl` is the app's own eslint.config.mjs (import.meta.url). */
export function nextWebConfig(configUrl) {
  const appDir = relative(workspaceRoot, dirname(fileURLToPath(configUrl)));
  return [
    ...reactConfig,
    { ignores: ['.next/**', 'next-env.d.ts'] },
    nextPlugin.configs['core-web-vitals'],
    // Next looks for pages in app/; tell its rules where the app is when linted from the repo root.
    { settings: { next: { rootDir: `${appDir}/` } } },
  ];
}
