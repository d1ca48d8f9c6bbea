import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setPriority } from 'node:os';
import { workspaceRoot } from '@matrix/paths';
import type { LoadClientMessage, LoadJob } from './load-client-messages';
import { hasCommand, Placement, placedCommand } from './process-placement';

export type LoadClientReport = Extract<LoadClientMessage, { type: 'done' }>;

/** Called when the client's measured period starts (its warm-up ended) and ends (its result came). */
export interface MeasuredPeriodHooks {
  onMeasuring?: () => void;
  onDone?: () => void;
}

/**
 * Runs one LoadJob in a separate load-client process with the given placement (nice value, cores).
 * The hooks let the caller measure the gateway (CPU time, profile) over the client's measured period.
 */
export function runLoadClient(job: LoadJob, placement: Placement, hooks: MeasuredPeriodHooks = {}): Promise<LoadClientReport> {
  const root = workspaceRoot();
  const node = placedCommand(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'load-client.ts')], placement);
  const child = spawn(node.command, node.args, {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Without the nice command, lower the priority of the process's main thread (where the clients run).
  if (placement.nice !== 0 && !hasCommand('nice') && child.pid) setPriority(child.pid, placement.nice);
  return new Promise<LoadClientReport>((resolve, reject) => {
    let report: LoadClientReport | undefined;
    child.on('message', (message: LoadClientMessage) => {
      if (message.type === 'ready') child.send(job);
      else if (message.type === 'measuring') hooks.onMeasuring?.();
      else if (message.type === 'done') {
        report = message;
        hooks.onDone?.();
      } else reject(new Error(`load client failed: ${message.message}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => (report ? resolve(report) : reject(new Error(`load client exited (code ${code}) without a result`))));
  });
}
