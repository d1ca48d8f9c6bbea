import { getProjects, type Tree } from '@nx/devkit';

/** Every port an app declares: serve metadata.port, a `${X_PORT:-3010}` default in its serve command, or `defaultPort: 8110` in its src/. */
export function declaredPorts(tree: Tree): number[] {
  const ports: number[] = [];
  for (const project of getProjects(tree).values()) {
    const serve = project.targets?.['serve'];
    const port = serve?.metadata?.['port'];
    if (typeof port === 'number') ports.push(port);
    const command = String(serve?.options?.command ?? '');
    for (const match of command.matchAll(/\$\{\w+:-(\d+)\}/g)) ports.push(Number(match[1]));
    if (project.projectType === 'application' && tree.exists(`${project.root}/src`)) {
      for (const file of tree.children(`${project.root}/src`)) {
        const text = file.endsWith('.ts') ? tree.read(`${project.root}/src/${file}`, 'utf-8') : null;
        const match = text ? /defaultPort:\s*(\d+)/.exec(text) : null;
        if (match) ports.push(Number(match[1]));
      }
    }
  }
  return ports;
}

/**
 * The next free API and web ports: 10 above the highest API port in 8100–8999 (the gateway's 8100
 * counts) and the highest web port in 3000–3999, so every product gets its own pair.
 */
export function nextProductPorts(tree: Tree): { apiPort: number; webPort: number } {
  const ports = declaredPorts(tree);
  const highest = (low: number, high: number) => Math.max(low, ...ports.filter((port) => port >= low && port < high));
  return { apiPort: highest(8100, 9000) + 10, webPort: highest(3000, 4000) + 10 };
}
