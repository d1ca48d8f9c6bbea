// Makes `npm start` and `npm test` work on a fresh clone: installs dependencies when
// node_modules is missing or older than package-lock.json. `npm ci` cannot be used
// here (the registry mirror lacks some optional platform packages); `npm install`
// works and leaves the lockfile unchanged.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function ensureInstalled(root) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const fresh = existsSync(marker) && (!existsSync(lock) || statSync(marker).mtimeMs >= statSync(lock).mtimeMs);
  if (fresh) return;
  console.log('[setup] installing dependencies (npm install; ~3-4 min on a cold cache)…');
  const started = Date.now();
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
  console.log(`[setup] dependencies installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
