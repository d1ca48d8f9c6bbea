import { getProjects, updateProjectConfiguration, type Tree } from '@nx/devkit';
import { renderDockerfile } from '../../docker/dockerfile';
import { writeDeployBase } from '../../k8s/manifests';
import { appEndpoint } from '../../scripts/app-endpoints.cjs';

/**
 * `npx nx g @matrix/tools:deployables`: for every app under apps/, by convention —
 * - `serve` metadata (port, portEnv, health) where missing, read from the code (what `npm start` prints);
 * - a `build` target making the self-contained artifact in dist/apps/<app> (APIs; webs keep `next build`,
 *   and tools/scripts/build-artifact.mjs makes their standalone artifact);
 * - apps/<app>/Dockerfile from the shared multi-stage template of its kind;
 * - deploy/base (Kubernetes: Deployment, Service, PDB… per app; tools/k8s/manifests.ts).
 * Idempotent: run it after adding apps by hand or merging branches.
 */
export async function deployablesGenerator(tree: Tree): Promise<void> {
  for (const [name, project] of getProjects(tree)) {
    if (project.projectType !== 'application' || !project.root.startsWith('apps/')) continue;
    const endpoint = appEndpoint(
      { read: (path) => tree.read(path, 'utf-8'), exists: (path) => tree.exists(path), children: (path) => tree.children(path) },
      project.root.slice('apps/'.length),
    );
    const serve = project.targets?.['serve'];
    if (!serve || endpoint.port === undefined) {
      console.warn(`deployables: ${name} has no serve target with a port; skipped (give its serve target metadata.port)`);
      continue;
    }
    const declared = serve.metadata ?? {};
    let changed = declared['port'] !== endpoint.port || declared['portEnv'] !== endpoint.portEnv || declared['health'] !== endpoint.health;
    if (changed) serve.metadata = { description: endpoint.description, ...declared, port: endpoint.port, portEnv: endpoint.portEnv, health: endpoint.health };
    if (endpoint.kind === 'api' && !project.targets?.['build']) {
      changed = true;
      project.targets = {
        ...project.targets,
        build: {
          executor: 'nx:run-commands',
          cache: true,
          inputs: ['production', '^production'],
          outputs: [`{workspaceRoot}/dist/apps/${name}`],
          options: { command: `node tools/scripts/build-artifact.mjs ${name}` },
        },
      };
    }
    if (changed) updateProjectConfiguration(tree, name, project);
    tree.write(
      `${project.root}/Dockerfile`,
      renderDockerfile(name, endpoint.kind, { port: endpoint.port, portEnv: endpoint.portEnv, health: endpoint.health }),
    );
  }
  writeDeployBase(treeFiles(tree));
}

/** The Tree as tools/k8s/manifests.ts reads and writes the workspace. */
export function treeFiles(tree: Tree) {
  return {
    read: (path: string) => tree.read(path, 'utf-8'),
    exists: (path: string) => tree.exists(path),
    children: (path: string) => tree.children(path),
    write: (path: string, content: string) => tree.write(path, content),
    delete: (path: string) => tree.delete(path),
  };
}

export default deployablesGenerator;
