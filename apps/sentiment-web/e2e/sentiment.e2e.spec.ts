/**
 * The sentiment web app in a real browser, against the real stack: inference gateway → sentiment
 * API (SQLite) → built Next.js app (`next start`), driven by headless Debian Chromium through
 * playwright-core. It analyzes a text, uploads a CSV and follows its job to 100 %, runs a pasted
 * batch, and visits the dashboard and history, saving screenshots to tmp/screenshots/sentiment-*.png.
 *
 * Needs: /usr/bin/chromium (`apt-get install -y chromium`, or tools/scripts/ensure-chromium.sh) and
 * a build (`npx nx run sentiment-web:build`; the test target depends on it). Missing either FAILS.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startAppProcess, startGatewayProcess } from '@matrix/dev-harness';
import { workspaceRoot } from '@matrix/paths';
import {
  adminAuthorization,
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
const apiMain = join(root, 'apps', 'sentiment-api', 'src', 'main.ts');
// Where the API looks for its trained head (its env SENTIMENT_MODEL_DIR, inherited by the API process).
const modelDir = process.env.SENTIMENT_MODEL_DIR || join(root, 'apps', 'sentiment-api', 'model', 'sentiment-head');

// Two clearly opposite sentences and a flat one: what a person would check the highlighting with.
const REVIEW = 'The staff were wonderful and the breakfast was delicious. The room was filthy and the noise kept us awake all night. We checked out at noon.';

const CSV_ROWS = [
  ['1', 'Absolutely loved it, would buy again', '5'],
  ['2', 'Terrible quality, it broke after one day', '1'],
  ['3', 'Fast delivery and friendly support', '5'],
  ['4', 'The worst customer service I have ever had', '1'],
  ['5', 'A charming, funny and moving film', '4'],
  ['6', 'Boring, predictable and far too long', '2'],
];

// The staff member the pages are used as (created at the API's first boot; every page but the chat visitor's needs sign-in).
const admin = e2eStaff('sentiment-admin');

const shot = screenshotter('sentiment');

function requirePrerequisites() {
  requireChromium();
  requireNextBuild('sentiment-web');
  if (!existsSync(apiMain)) throw new Error(`${apiMain} is missing: the sentiment API must exist for the web e2e.`);
  // Without a trained head the API never gets ready; say so now rather than after its 3-minute wait.
  const trained = existsSync(modelDir) && readdirSync(modelDir).some((version) => existsSync(join(modelDir, version, 'model.json')));
  if (!trained)
    throw new Error(
      `${modelDir} holds no trained version (<version>/model.json): the API has no sentiment model to serve. Run \`npx nx run sentiment-api:train\`.`,
    );
}

describe('sentiment web in Chromium against the real API and gateway', () => {
  let stack: WebE2eStack;
  let scratch = '';
  let webUrl = '';
  let page: Page;

  beforeAll(async () => {
    requirePrerequisites();
    stack = new WebE2eStack('sentiment-web');
    scratch = stack.scratch;

    const gateway = stack.add(await startGatewayProcess({ GATEWAY_MODEL_STORE: join(scratch, 'model-store') }));

    // A fresh SQLite file: the API applies the migrations at boot.
    const databaseUrl = `file:${join(scratch, 'e2e.db')}`;
    const api = stack.add(
      await startAppProcess('sentiment-api', {
        readyPath: '/health/ready',
        env: { ...firstAdminEnv(admin), GATEWAY_URL: gateway.url, SENTIMENT_DATABASE_URL: databaseUrl },
        readyTimeoutMs: 180_000,
      }),
    );

    webUrl = stack.add(await startNextServer('sentiment-web', { env: { SENTIMENT_API_URL: api.url } })).url;
    page = await openPage(stack.addBrowser(await launchChromium()));
    await signIn(page, webUrl, admin);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('analyzes a text: overall label and every sentence highlighted with its score', async () => {
    await gotoHydrated(page, `${webUrl}/`);
    await page.getByLabel('Text to analyze').fill(REVIEW);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();

    const result = page.getByRole('region', { name: 'Analysis result' });
    await result.waitFor();
    const overall = await page.getByRole('region', { name: 'Overall sentiment' }).locator('.mx-badge').first().textContent();
    expect(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']).toContain(overall);

    const marks = page.locator('mark.sentiment-sentence');
    await expect(marks.count()).resolves.toBe(3);
    // The text is shown exactly as typed (the highlights cover sentences, the gaps stay).
    await expect(page.getByLabel('Text with sentences highlighted by sentiment').textContent()).resolves.toBe(REVIEW);
    const labels = await marks.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-label')));
    const titles = await marks.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('title')));
    // Unambiguous sentences: the praise is positive, the complaint negative (any model worth serving agrees).
    expect(labels[0]).toBe('POSITIVE');
    expect(labels[1]).toBe('NEGATIVE');
    for (const title of titles) expect(title).toMatch(/^(Positive|Negative|Neutral|Mixed) · score ([+−]\d\.\d\d|0\.00)$/);
    await expect(page.getByRole('table', { name: 'Per-sentence results' }).locator('tbody tr').count()).resolves.toBe(3);
    // Aspects (targets): each highlighted in the text with the sentiment toward it.
    const aspects = page.locator('mark.sentiment-aspect');
    const aspectLabels = Object.fromEntries(await aspects.evaluateAll((nodes) => nodes.map((node) => [node.textContent, node.getAttribute('data-label')])));
    expect(aspectLabels).toMatchObject({ staff: 'POSITIVE', room: 'NEGATIVE' });
    await expect(page.getByRole('table', { name: 'Sentiment per aspect' }).locator('tbody tr').count()).resolves.toBe(await aspects.count());
    await shot(page, 'analyze');
  });

  it("shows the API's own message when a text is too long", async () => {
    await page.getByLabel('Text to analyze').fill('a'.repeat(20_001));
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    // (Next.js has its own, empty role="alert" route announcer: pick ours by its title.)
    const alert = page.getByRole('alert').filter({ hasText: 'The text could not be analyzed' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/20000|20,000/);
    await expect(alert.textContent()).resolves.toContain('HTTP 413');
  });

  it('uploads a CSV with aspects, picks its text column and follows the job to 100 % and its results (an aspects column)', async () => {
    const csvPath = join(scratch, 'reviews.csv');
    writeFileSync(csvPath, ['id,review,stars', ...CSV_ROWS.map((row) => `${row[0]},"${row[1]}",${row[2]}`)].join('\n') + '\n');

    await gotoHydrated(page, `${webUrl}/batch`);
    await page.getByLabel('CSV file').setInputFiles(csvPath);
    const column = page.getByLabel('Text column');
    await column.waitFor();
    await expect(column.inputValue()).resolves.toBe('review');
    await expect(column.locator('option').allTextContents()).resolves.toEqual(['id', 'review', 'stars']);
    const aspectsBox = page.getByLabel(/^Find aspects/);
    await expect(aspectsBox.isChecked()).resolves.toBe(false);
    await aspectsBox.check();

    await page.getByRole('button', { name: 'Start analysis' }).click();
    const progress = page.getByRole('progressbar', { name: 'Job progress' });
    await progress.waitFor();
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, { timeout: 120_000 });

    const download = page.getByRole('link', { name: 'Download results (CSV)' });
    await download.waitFor();
    const href = await download.getAttribute('href');
    expect(href).toMatch(/^\/api\/jobs\/[^/]+\/results\?format=csv$/);
    // Through the web's /api proxy, as the browser downloads it.
    const response = await fetch(`${webUrl}${href}`, { headers: adminAuthorization() });
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(CSV_ROWS.length + 1);
    // The job ran with aspects: the last column lists each row's aspects with their labels.
    expect(lines[0]).toBe('row,status,reason,label,score,magnitude,positiveProbability,sentenceCount,analysisId,text,aspects');
    const aspectCells = lines.slice(1).map((line) => line.slice(line.lastIndexOf(',') + 1));
    expect(aspectCells[2]).toBe('delivery=POSITIVE; support=POSITIVE');
    expect(aspectCells[3]).toBe('customer service=NEGATIVE');
    await page.getByText('The CSV ends with an aspects column').waitFor();
    await shot(page, 'batch');
  });

  it('scores pasted lines in one batch', async () => {
    await page.getByLabel('Texts, one per line').fill('I am very happy with this purchase.\nThis is a complete waste of money.');
    await page.getByRole('button', { name: 'Analyze lines' }).click();
    const table = page.getByRole('table', { name: 'Batch results (2)' });
    await table.waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(2);
  });

  it('analyzes issue 17’s review: staff and room praised, breakfast criticised, overall MIXED', async () => {
    const text = 'The room was spotless and the staff lovely, but breakfast was cold and overpriced. I would still come back.';
    await gotoHydrated(page, `${webUrl}/`);
    await page.getByLabel('Text to analyze').fill(text);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    const aspects = page.locator('mark.sentiment-aspect');
    await aspects.first().waitFor();
    const labels = await aspects.evaluateAll((nodes) => nodes.map((node) => [node.textContent, node.getAttribute('data-label')]));
    expect(labels).toEqual([
      ['room', 'POSITIVE'],
      ['staff', 'POSITIVE'],
      ['breakfast', 'NEGATIVE'],
    ]);
    await expect(page.getByLabel('Text with aspects highlighted by sentiment').textContent()).resolves.toBe(text);
    // Visible to the reader: each aspect marked in the text, tinted by its polarity, and listed with its label.
    for (let i = 0; i < 3; i++) await expect(aspects.nth(i).isVisible()).resolves.toBe(true);
    const tints = await aspects.evaluateAll((nodes) => nodes.map((node) => getComputedStyle(node).backgroundColor));
    expect(tints[0]).toBe(tints[1]);
    expect(tints[2]).not.toBe(tints[0]);
    const rows = page.getByRole('table', { name: 'Sentiment per aspect' }).locator('tbody tr');
    const listed = await rows.evaluateAll((nodes) => nodes.map((row) => [...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent)));
    expect(listed).toEqual([
      ['room', 'POSITIVE'],
      ['staff', 'POSITIVE'],
      ['breakfast', 'NEGATIVE'],
    ]);
    await expect(page.getByRole('region', { name: 'Overall sentiment' }).locator('.mx-badge').first().textContent()).resolves.toBe('MIXED');
    // The picture the issue asks for (regenerate: see apps/sentiment-web/README.md).
    process.stdout.write(`screenshot: ${await shot(page, 'analyze-aspects')}\n`);
  });

  it('shows the dashboard: totals, label distribution and the trend', async () => {
    await gotoHydrated(page, `${webUrl}/dashboard`);
    const totals = page.getByRole('region', { name: 'Totals' });
    await totals.waitFor();
    // 2 analyzed texts + 6 CSV rows + 2 pasted lines (the 413 stored nothing).
    await expect(totals.locator('dl').first().locator('dd').textContent()).resolves.toMatch(/^10(?!\d)/);
    await page.getByRole('figure', { name: 'Label distribution' }).locator('svg path').first().waitFor();
    await page.getByRole('figure', { name: 'Analyses over time by label' }).locator('svg').first().waitFor();
    // The aspects of the analyzed texts (stored with targets): staff praised in both reviews, breakfast criticised in issue 17's.
    const praised = page.getByRole('table', { name: 'Top praised aspects' });
    await praised.locator('tbody tr').first().waitFor();
    await expect(praised.locator('tbody tr').first().locator('td').first().textContent()).resolves.toBe('staff');
    await expect(page.getByRole('table', { name: 'Top criticised aspects' }).locator('tbody').textContent()).resolves.toContain('breakfast');
    await shot(page, 'dashboard');
  });

  it('lists the history with filters and export links', async () => {
    await gotoHydrated(page, `${webUrl}/history`);
    const table = page.getByRole('table', { name: 'Stored analyses' });
    await page.getByText('Showing 1–10 of 10').waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(10);
    await shot(page, 'history');

    await page.getByLabel('Label', { exact: true }).selectOption('NEGATIVE');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/label=NEGATIVE/);
    await page.waitForFunction(() => {
      const badges = [...document.querySelectorAll('table tbody .mx-badge')].map((node) => node.textContent);
      return badges.length > 0 && badges.every((text) => text === 'NEGATIVE');
    });
    const exportHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(exportHref).toBe('/api/analyses/export?format=csv&label=NEGATIVE');
    const exported = await fetch(`${webUrl}${exportHref}`, { headers: adminAuthorization() });
    expect(exported.status).toBe(200);
    await shot(page, 'history-filtered');
  });
});
