/**
 * The support chatbot web app in a real browser, against the real stack: inference gateway →
 * support-chatbot API (SQLite, demo bank knowledge base seeded at boot, shipped intent heads
 * registered) → built Next.js app (`next start`), driven by headless Debian Chromium through
 * playwright-core. A customer gets a cited answer and a handoff; an agent takes the handoff over
 * and replies, which the customer sees; the knowledge base and analytics pages reflect it.
 * Screenshots go to tmp/screenshots/chatbot-*.png.
 *
 * Needs: /usr/bin/chromium (`apt-get install -y chromium`) and a build (`npx nx run
 * support-chatbot-web:build`; the test target depends on it). Missing either FAILS, saying so.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort, manifestWithModels, startAppProcess, startGatewayProcess, startProcess, type ManagedProcess } from '@matrix/dev-harness';
import { workspaceRoot } from '@matrix/paths';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const root = workspaceRoot();
const webDir = join(root, 'apps', 'support-chatbot-web');
const modelDir = process.env.CHATBOT_MODEL_DIR || join(root, 'apps', 'support-chatbot-api', 'model', 'intent-classifier');
const screenshots = join(root, 'tmp', 'screenshots');

function requirePrerequisites() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the web e2e needs Debian's Chromium. Install it with: apt-get install -y chromium`);
  if (!existsSync(join(webDir, '.next', 'BUILD_ID'))) throw new Error(`${join(webDir, '.next')} has no build: run \`npx nx run support-chatbot-web:build\` (the test target does it first).`);
  if (!existsSync(join(modelDir, 'latest.json'))) throw new Error(`${modelDir} holds no trained intent classifier: run \`npx nx run support-chatbot-api:train\`.`);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(screenshots, `chatbot-${name}.png`), fullPage: true });
}

describe('support chatbot web in Chromium against the real API and gateway', () => {
  const started: ManagedProcess[] = [];
  let scratch = '';
  let webUrl = '';
  let browser: Browser | undefined;
  let customer: BrowserContext;
  let agent: BrowserContext;
  let chat: Page;
  let desk: Page;

  beforeAll(async () => {
    requirePrerequisites();
    scratch = mkdtempSync(join(tmpdir(), 'chatbot-web-e2e-'));
    mkdirSync(screenshots, { recursive: true });
    const gateway = await startGatewayProcess({ MODEL_MANIFEST: manifestWithModels(['use-lite-en']), GATEWAY_MODEL_STORE: join(scratch, 'model-store') });
    started.push(gateway);
    const api = await startAppProcess('support-chatbot-api', {
      readyPath: '/health/ready',
      env: { GATEWAY_URL: gateway.url, DATABASE_URL: `file:${join(scratch, 'e2e.db')}`, CHATBOT_RETRY_MS: '500' },
      readyTimeoutMs: 180_000,
    });
    started.push(api);
    const webPort = await freePort();
    webUrl = `http://127.0.0.1:${webPort}`;
    started.push(
      await startProcess({
        name: 'support-chatbot-web',
        command: process.execPath,
        args: [require.resolve('next/dist/bin/next'), 'start', webDir, '-p', String(webPort), '-H', '127.0.0.1'],
        cwd: root,
        env: { SUPPORT_CHATBOT_API_URL: api.url, NEXT_TELEMETRY_DISABLED: '1' },
        readyUrl: `${webUrl}/`,
        readyTimeoutMs: 60_000,
      }),
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    // Two people: the customer and the agent, each with their own storage.
    customer = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    agent = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    chat = await customer.newPage();
    desk = await agent.newPage();
    chat.setDefaultTimeout(30_000);
    desk.setDefaultTimeout(30_000);
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    for (const process of started.splice(0).reverse()) await process.stop().catch(() => undefined);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }, 60_000);

  it('answers a customer question with a cited passage and the two buttons', async () => {
    await chat.goto(`${webUrl}/`);
    await chat.getByLabel('Your message').fill('How do I activate my new card?');
    await chat.getByRole('button', { name: 'Send' }).click();
    const answer = chat.locator('[data-testid="message-bot"][data-decision="answer"]').first();
    await answer.waitFor();
    await expect(answer.getByTestId('citation').textContent()).resolves.toContain('Activating my card');
    await expect(answer.getByRole('button', { name: '✓ This solved it' }).isVisible()).resolves.toBe(true);
    await expect(answer.getByRole('button', { name: 'Talk to a human' }).isVisible()).resolves.toBe(true);
    await shot(chat, 'answer');
  });

  it('hands a nonsense question to a human', async () => {
    await chat.getByLabel('Your message').fill('purple elephants sing loudly under the frozen moon');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('[data-testid="message-bot"][data-decision="handoff"]').waitFor();
    await chat.getByText('Waiting for an agent', { exact: true }).waitFor();
    await shot(chat, 'handoff');
  });

  it('the agent takes the conversation over and replies; the customer sees the reply', async () => {
    await desk.goto(`${webUrl}/agent`);
    await desk.getByLabel('Your name').fill('Grace');
    await desk.getByTestId('conversation-item').first().click();
    await desk.getByRole('button', { name: 'Take over' }).click();
    await desk.getByLabel('Reply to the customer').fill('Hi, this is Grace. How can I help you today?');
    await desk.getByRole('button', { name: 'Send reply' }).click();
    await desk.getByText('Hi, this is Grace. How can I help you today?').waitFor();
    await shot(desk, 'agent-console');
    // The customer's page polls: the agent's reply appears without a reload.
    await chat.locator('[data-testid="message-agent"]').getByText('Hi, this is Grace. How can I help you today?').waitFor();
    await shot(chat, 'agent-reply');
  });

  it('the knowledge base lists the demo articles and finds passages for a question', async () => {
    await desk.goto(`${webUrl}/knowledge-base`);
    await desk.getByRole('heading', { name: /Articles \(77\)/ }).waitFor();
    await desk.getByRole('textbox', { name: 'Question' }).fill('how long does a SEPA transfer take');
    await desk.getByRole('button', { name: 'Search' }).click();
    await expect(desk.getByTestId('search-hit').first().textContent()).resolves.toMatch(/transfer/i);
    await shot(desk, 'knowledge-base');
  });

  it('analytics show the conversation, its handoff and the unanswered question', async () => {
    await desk.goto(`${webUrl}/analytics`);
    await desk.getByText('Handoff rate').waitFor();
    // The knowledge-gap table: the unanswered question as the typical question of its group.
    const gaps = desk.getByRole('table', { name: 'Unanswered questions grouped by similarity' });
    await gaps.getByRole('cell', { name: 'purple elephants sing loudly under the frozen moon', exact: true }).first().waitFor();
    // One conversation (answered once, then handed off): 0% contained, 100% handed off.
    const stat = (label: string) => desk.locator('.mx-stat', { has: desk.getByText(label, { exact: true }) }).locator('dd');
    await expect(stat('Conversations').textContent()).resolves.toBe('11 answer given');
    await expect(stat('Containment (deflection)').textContent()).resolves.toMatch(/^0%/);
    await expect(stat('Handoff rate').textContent()).resolves.toMatch(/^100%1 handed to an agent$/);
    await expect(desk.getByRole('figure', { name: 'Why conversations were handed off' }).isVisible()).resolves.toBe(true);
    await shot(desk, 'analytics');
  });
});
