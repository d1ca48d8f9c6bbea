import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workspaceRoot } from '@matrix/paths';

/** The env that makes a started app load tools/scripts/cpu-profile-window.cjs (nothing when `dir` is empty). */
export function profiledEnv(dir: string, name: 'api' | 'gateway'): Record<string, string> {
  if (!dir) return {};
  const preload = join(workspaceRoot(), 'tools', 'scripts', 'cpu-profile-window.cjs');
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(), CPU_PROFILE_DIR: resolve(dir, name) };
}

function profileCount(dir: string): number {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).length : 0;
}

/**
 * Starts (or stops and writes) the CPU profiles of the API and the gateway with SIGWINCH, so a profile holds
 * the timed phase only; on stop, waits until each process has written its file.
 */
export async function toggleProfiles(pids: { api?: number; gateway?: number }, dir: string, step: 'start' | 'stop'): Promise<void> {
  const targets = (['api', 'gateway'] as const).flatMap((name) => {
    const pid = pids[name];
    return pid ? [{ pid, dir: resolve(dir, name) }] : [];
  });
  const before = targets.map((t) => profileCount(t.dir));
  for (const t of targets) process.kill(t.pid, 'SIGWINCH');
  if (step === 'start') return;
  const deadline = Date.now() + 30_000;
  while (targets.some((t, i) => profileCount(t.dir) <= before[i]) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
}
