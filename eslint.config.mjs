import nextPlugin from '@next/eslint-plugin-next';
import nx from '@nx/eslint-plugin';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Model runtimes: only the inference gateway (and the model-loading lib it owns) may
// load them, so products stay light and the GPU has one owner.
const MODEL_RUNTIMES = [
  'onnxruntime-node',
  'onnxruntime-web',
  'onnxruntime-common',
  '@huggingface/transformers',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
];

const PRODUCT_SCOPES = ['chatbot', 'recommender', 'sentiment', 'image-tagger'];

const workspaceConfig = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.next', '**/out-tsc', 'tmp', 'prisma/generated', '**/generated/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // Layering: apps use libs; libs never use apps (Nx forbids app imports itself).
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:data', 'type:util'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
            { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:runtime', 'type:data', 'type:util'] },
            // Feature libs (shared NestJS pieces, product building blocks) sit above data and util.
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
            // Shared libs only depend on shared libs.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The gateway may use shared libs, including the model runtimes.
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            // A product sees only itself and shared libs, never a model runtime.
            ...PRODUCT_SCOPES.map((scope) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
              notDependOnLibsWithTags: ['type:runtime'],
              bannedExternalImports: MODEL_RUNTIMES,
            })),
            // Shared libraries that are not the runtime layer must not pull a runtime in.
            {
              allSourceTags: ['scope:shared', 'type:util'],
              bannedExternalImports: MODEL_RUNTIMES,
            },
            {
              allSourceTags: ['scope:shared', 'type:data'],
              bannedExternalImports: MODEL_RUNTIMES,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.json'],
    rules: {},
    languageOptions: { parser: await import('jsonc-eslint-parser') },
  },
];

export default workspaceConfig;

/** ESLint of the React projects: product-ui, and the webs through nextWebConfig. */
export const reactConfig = [
  ...workspaceConfig,
  // React's rules: hooks used correctly, and the accessibility rules (labels, roles) checked by lint rather than by hope.
  reactHooks.configs.flat['recommended-latest'],
  { files: ['**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  // `role` on our own components (<RequireRole role="admin">) is a staff role, not an ARIA role: check DOM elements only.
  { files: ['**/*.tsx'], rules: { 'jsx-a11y/aria-role': ['error', { ignoreNonDOM: true }] } },
];

/** A product web's ESLint config: the React rules plus Next.js's. `configUrl` is the app's eslint.config.mjs (import.meta.url). */
export function nextWebConfig(configUrl) {
  const appDir = relative(dirname(fileURLToPath(import.meta.url)), dirname(fileURLToPath(configUrl)));
  return [
    ...reactConfig,
    { ignores: ['.next/**', 'next-env.d.ts'] },
    nextPlugin.configs['core-web-vitals'],
    // Next looks for pages in app/; tell its rules where the app is when linted from the repo root.
    { settings: { next: { rootDir: `${appDir}/` } } },
  ];
}
