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
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { manifestWithModels, startAppProcess, startGatewayProcess } from '@matrix/dev-harness';
import { workspaceRoot } from '@matrix/paths';
import {
  E2E_CONTEXT_OPTIONS,
  e2eStaff,
  firstAdminEnv,
  gotoHydrated,
  launchChromium,
  openPage,
  requireChromium,
  requireNextBuild,
  screenshotter,
  signIn,
  startNextServer,
  WebE2eStack,
} from '@matrix/web-e2e';

const root = workspaceRoot();
const modelDir = process.env.CHATBOT_MODEL_DIR || join(root, 'apps', 'support-chatbot-api', 'model', 'intent-classifier');

// The staff member the pages are used as (created at the API's first boot; every page but the chat visitor's needs sign-in).
const admin = e2eStaff('chatbot-admin');

const shot = screenshotter('chatbot');

function requirePrerequisites() {
  requireChromium();
  requireNextBuild('support-chatbot-web');
  if (!existsSync(join(modelDir, 'latest.json')))
    throw new Error(`${modelDir} holds no trained intent classifier: run \`npx nx run support-chatbot-api:train\`.`);
}

describe('support chatbot web in Chromium against the real API and gateway', () => {
  let stack: WebE2eStack;
  let webUrl = '';
  let customer: BrowserContext;
  let agent: BrowserContext;
  let chat: Page;
  let desk: Page;

  beforeAll(async () => {
    requirePrerequisites();
    stack = new WebE2eStack('chatbot-web');
    const scratch = stack.scratch;
    const gateway = stack.add(
      await startGatewayProcess({ MODEL_MANIFEST: manifestWithModels(['use-lite-en']), GATEWAY_MODEL_STORE: join(scratch, 'model-store') }),
    );
    const api = stack.add(
      await startAppProcess('support-chatbot-api', {
        readyPath: '/health/ready',
        env: { ...firstAdminEnv(admin), GATEWAY_URL: gateway.url, SUPPORT_CHATBOT_DATABASE_URL: `file:${join(scratch, 'e2e.db')}`, CHATBOT_RETRY_MS: '500' },
        readyTimeoutMs: 180_000,
      }),
    );
    webUrl = stack.add(await startNextServer('support-chatbot-web', { env: { SUPPORT_CHATBOT_API_URL: api.url } })).url;
    const browser = stack.addBrowser(await launchChromium());
    // Two people: the customer and the agent, each with their own storage.
    customer = await browser.newContext(E2E_CONTEXT_OPTIONS);
    agent = await browser.newContext(E2E_CONTEXT_OPTIONS);
    chat = await openPage(customer);
    desk = await openPage(agent);
    // The customer's chat is public; the agent signs in.
    await signIn(desk, webUrl, admin);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('answers a customer question with a cited passage and the two buttons', async () => {
    await gotoHydrated(chat, `${webUrl}/`);
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
    await gotoHydrated(desk, `${webUrl}/agent`);
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

  it('keeps the conversation across a reload with the token the tab holds; the API refuses it without the token', async () => {
    const saved = (await chat.evaluate(() => JSON.parse(window.sessionStorage.getItem('support-chatbot.conversation') ?? 'null'))) as {
      id: string;
      token: string;
    } | null;
    expect(saved).toEqual({ id: expect.any(String), token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    await chat.reload();
    await chat.locator('[data-testid="message-agent"]').getByText('Hi, this is Grace. How can I help you today?').waitFor();
    const statuses = await chat.evaluate(
      async ({ id, token }) =>
        Promise.all([
          fetch(`/api/conversations/${id}`).then((r) => r.status),
          fetch(`/api/conversations/${id}`, { headers: { 'x-conversation-token': token } }).then((r) => r.status),
        ]),
      saved ?? { id: '', token: '' },
    );
    expect(statuses).toEqual([401, 200]);
  });

  it('the knowledge base lists the demo articles and finds passages for a question', async () => {
    await gotoHydrated(desk, `${webUrl}/knowledge-base`);
    await desk.getByRole('heading', { name: /Articles \(77\)/ }).waitFor();
    await desk.getByRole('textbox', { name: 'Question' }).fill('how long does a SEPA transfer take');
    await desk.getByRole('button', { name: 'Search' }).click();
    await expect(desk.getByTestId('search-hit').first().textContent()).resolves.toMatch(/transfer/i);
    await shot(desk, 'knowledge-base');
  });

  it('analytics show the conversation, its handoff and the unanswered question', async () => {
    await gotoHydrated(desk, `${webUrl}/analytics`);
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
