// eslint-disable-next-line @nx/enforce-module-boundaries -- a project's ESLint config extends the workspace one by path
import { nextWebConfig } from '../../eslint.config.mjs';

export default nextWebConfig(import.meta.url);
