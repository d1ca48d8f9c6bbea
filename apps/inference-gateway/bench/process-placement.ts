import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Where a bench process runs: its nice value (higher = lower priority) and the cores it may use. */
export interface Placement {
  nice: number;
  /** A CPU list for taskset ("0", "1", "0-3"); undefined: any core. */
  cpus?: string;
}

const available = new Map<string, boolean>();

/** Whether a command is on the PATH (nice and taskset are not everywhere). */
export function hasCommand(name: string): boolean {
  let found = available.get(name);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
    available.set(name, found);
  }
  return found;
}

/**
 * The command line that starts `command args` with that placement: `taskset -c` and `nice -n` in front
 * where they exist, so every thread the process starts inherits them. Throws when pinning is asked
 * for and taskset is missing (a bench that silently did not pin would report the wrong thing).
 */
export function placedCommand(command: string, args: string[], placement: Placement): { command: string; args: string[] } {
  const prefix: string[] = [];
  if (placement.cpus !== undefined) {
    if (!hasCommand('taskset')) throw new Error(`cannot pin to CPUs ${placement.cpus}: taskset is not installed`);
    prefix.push('taskset', '-c', placement.cpus);
  }
  if (placement.nice !== 0 && hasCommand('nice')) prefix.push('nice', '-n', String(placement.nice));
  const full = [...prefix, command, ...args];
  return { command: full[0], args: full.slice(1) };
}

/** Pins a running process and all its threads (e.g. the gateway, once started) to a CPU list. */
export function pinProcess(pid: number, cpus: string): void {
  if (!hasCommand('taskset')) throw new Error(`cannot pin to CPUs ${cpus}: taskset is not installed`);
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

let ticksPerSecond: number | undefined;

/**
 * CPU time (user + system) in a /proc stat file: /proc/<pid>/stat for every thread of a process,
 * /proc/<pid>/task/<tid>/stat for one thread; undefined where the file cannot be read.
 */
export function statFileCpuMs(path: string): number | undefined {
  try {
    // The command name (field 2) may hold spaces: the fields after it start behind its closing parenthesis.
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 from the state field on.
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, every thread) a process has used so far; undefined where /proc is not available. */
export function processCpuMs(pid: number): number | undefined {
  return statFileCpuMs(`/proc/${pid}/stat`);
}

/** Cores of this machine (the denominator of a CPU share). */
export function machineCores(): number {
  return availableParallelism();
}
