import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a project's ESLint config extends the workspace one by path
import root from '../../eslint.config.mjs';

// The workspace rules plus React's: hooks used correctly, and the accessibility rules these
// components promise (labels, roles) checked by lint rather than by hope.
export default [
  ...root,
  reactHooks.configs.flat['recommended-latest'],
  { files: ['**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
];
