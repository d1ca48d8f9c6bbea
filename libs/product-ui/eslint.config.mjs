// eslint-disable-next-line @nx/enforce-module-boundaries -- a project's ESLint config extends the workspace one by path
import { reactConfig } from '../../tools/eslint/react.mjs';

export default reactConfig;
