import { ChildProcess, spawn } from 'node:child_process';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Polled until it answers 2xx. */
  readyUrl: string;
  readyTimeoutMs?: number;
  /** Show the child's output (default: only when it fails to start). */
  inheritOutput?: boolean;
}

export interface ManagedProcess {
  name: string;
  pid: number | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once (a crash, as chaos tests make one); resolves when the process has exited. */
  kill(): Promise<void>;
  /** How the process ended ("code 1", "signal SIGKILL"), or undefined while it runs; with the end of its output. */
  ended(): { how: string; output: string } | undefined;
}

/**
 * Starts a server as a child process and waits until its readiness URL answers 2xx. Evaluation and
 * benchmark scripts use it to start (and always stop) the gateway and product APIs themselves.
 */
export async function startProcess(options: ManagedProcessOptions): Promise<ManagedProcess> {
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: options.inheritOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  let how = '';
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code;
      how = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    }),
  );
  const ended = () => (exited === undefined ? undefined : { how, output });

  const stop = async (graceMs = 15_000) => {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exit;
    clearTimeout(timer);
  };

  const kill = async () => {
    if (exited !== undefined) return;
    child.kill('SIGKILL');
    await exit;
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`${options.name} exited with code ${exited} before it was ready:\n${output}`);
    try {
      const response = await fetch(options.readyUrl, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return { name: options.name, pid: child.pid, stop, kill, ended };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop(2000);
  throw new Error(`${options.name} was not ready at ${options.readyUrl} within ${options.readyTimeoutMs ?? 120_000} ms:\n${output}`);
}
