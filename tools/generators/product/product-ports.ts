import { getProjects, type Tree } from '@nx/devkit';

/** The port a project's `serve` target declares in its metadata (the convention start-all reads). */
export function servePort(target: { metadata?: Record<string, unknown> } | undefined): number | undefined {
  const port = target?.metadata?.['port'];
  return typeof port === 'number' ? port : undefined;
}

/**
 * The next free API and web ports: 10 above the highest product API port (81xx; the gateway's
 * 8100 counts) and the highest web port (30xx), so every product gets its own pair.
 */
export function nextProductPorts(tree: Tree): { apiPort: number; webPort: number } {
  const ports = [...getProjects(tree).values()].map((project) => servePort(project.targets?.['serve'])).filter((port): port is number => port !== undefined);
  const highest = (low: number, high: number, fallback: number) => Math.max(fallback, ...ports.filter((port) => port >= low && port < high));
  return { apiPort: highest(8100, 9000, 8100) + 10, webPort: highest(3000, 4000, 3000) + 10 };
}
