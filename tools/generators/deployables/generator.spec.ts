import { addProjectConfiguration, readProjectConfiguration } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { deployablesGenerator } from './generator';

describe('deployables generator', () => {
  it('gives every app serve metadata from its code, a build target and a Dockerfile; idempotent', async () => {
    const tree = createTreeWithEmptyWorkspace();
    addProjectConfiguration(tree, 'chatbot-api', {
      root: 'apps/chatbot-api',
      projectType: 'application',
      targets: { serve: { executor: 'nx:run-commands', options: { command: 'node -r @swc-node/register apps/chatbot-api/src/main.ts' } } },
    });
    tree.write('apps/chatbot-api/src/config/app-options.ts', 'export const O = { name: "chatbot-api", defaultPort: 8120 };\n');
    addProjectConfiguration(tree, 'chatbot-web', {
      root: 'apps/chatbot-web',
      projectType: 'application',
      targets: { serve: { executor: 'nx:run-commands', options: { command: 'next start {projectRoot} -p ${CHATBOT_WEB_PORT:-3020}' } } },
    });
    tree.write('apps/chatbot-web/next.config.mjs', 'export default {};\n');
    addProjectConfiguration(tree, 'no-serve', { root: 'apps/no-serve', projectType: 'application', targets: {} });

    await deployablesGenerator(tree);
    const api = readProjectConfiguration(tree, 'chatbot-api');
    expect(api.targets?.['serve']?.metadata).toMatchObject({ port: 8120, portEnv: 'PORT', health: '/health/live' });
    expect(api.targets?.['build']?.options.command).toBe('node tools/scripts/build-artifact.mjs chatbot-api');
    expect(readProjectConfiguration(tree, 'chatbot-web').targets?.['serve']?.metadata).toMatchObject({
      port: 3020,
      portEnv: 'CHATBOT_WEB_PORT',
      health: '/health',
    });
    expect(tree.read('apps/chatbot-api/Dockerfile', 'utf-8')).toContain('EXPOSE 8120');
    expect(tree.read('apps/chatbot-web/Dockerfile', 'utf-8')).toContain('CMD ["node", "apps/chatbot-web/server.js"]');
    expect(tree.exists('apps/no-serve/Dockerfile')).toBe(false);

    const before = tree.read('apps/chatbot-api/project.json', 'utf-8');
    await deployablesGenerator(tree);
    expect(tree.read('apps/chatbot-api/project.json', 'utf-8')).toBe(before);
  });
});
