import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux everywhere this runs). */
const USER_HZ = 100;

/**
 * CPU seconds (user + system, every thread) a process has used so far, from /proc/<pid>/stat; undefined where there
 * is no /proc. Lets an evaluation say how much CPU each request cost the API and the gateway, a figure that other
 * load on a shared machine distorts far less than requests per second.
 */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return undefined;
  }
}
