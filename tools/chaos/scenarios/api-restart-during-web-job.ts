import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { launchChromium, openPage, requireChromium, requireNextBuild, screenshotsDir, screenshotter, startNextServer } from '@matrix/web-e2e';
import type { Page } from 'playwright-core';
import { ChaosStack } from '../chaos-stack';
import type { ChaosScenario, ChaosSettings, ScenarioOutcome } from '../chaos-scenario';
import { accountRows, readJob, sentimentCsv, untilDone, untilFinished } from '../sentiment-csv-job';

const KILL_AT = 0.16;
/** The notice a web shows while its API is away (issue 16, item 3): not an error. */
const RECONNECTING = /reconnecting/i;
const FINISH_MS = 600_000;
/** After the job has really finished, the page has this long to show it. */
const PAGE_CATCH_UP_MS = 20_000;

/** What the page shows at one instant: any alert with text (ours; Next's route announcer is empty) and the progress bar. */
interface PageState {
  alerts: string[];
  percent: number | null;
  url: string;
}

async function pageState(page: Page): Promise<PageState> {
  const alerts = (await page.locator('[role="alert"]').allTextContents()).map((text) => text.trim()).filter(Boolean);
  const progress = page.locator('[role="progressbar"]');
  const percent = (await progress.count()) ? await progress.first().getAttribute('aria-valuenow', { timeout: 1000 }) : null;
  return { alerts, percent: percent === null ? null : Number(percent), url: page.url() };
}

/**
 * The sentiment API is killed (SIGKILL) and started again while a person follows a CSV job in the
 * sentiment web (built Next.js app, headless Chromium). Passes when the page stays on the job, never
 * shows an error, its progress moves again after the restart and reaches 100 %, and the job ends
 * with every row analysed exactly once (no second job).
 */
export const apiRestartDuringWebJob: ChaosScenario = {
  name: 'api-restart-web',
  summary: 'sentiment API SIGKILLed and restarted while the web follows a CSV job: no error shown, progress resumes to 100 %, every row once',
  async prepare(settings: ChaosSettings): Promise<void> {
    // Missing pieces fail the scenario saying how to get them (never a silent skip).
    requireChromium();
    settings.log('building sentiment-web (npx nx run sentiment-web:build; the Nx cache makes a rebuild of unchanged sources quick)');
    const started = performance.now();
    const build = spawnSync('npx', ['nx', 'run', 'sentiment-web:build', '--outputStyle=static'], {
      cwd: workspaceRoot(),
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`npx nx run sentiment-web:build failed (exit ${build.status}): ${`${build.stdout}${build.stderr}`.slice(-1500)}`);
    settings.log(`sentiment-web built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  },
  async run(settings: ChaosSettings): Promise<ScenarioOutcome> {
    requireChromium();
    requireNextBuild('sentiment-web');
    const stack = new ChaosStack(settings.tmpRoot, 'api-restart-web');
    const browser = await launchChromium();
    try {
      const csvPath = join(stack.scratch, 'reviews.csv');
      writeFileSync(csvPath, sentimentCsv(settings.rows));
      const gateway = await stack.startGateway('default');
      let api = await stack.startProduct('sentiment-api', { GATEWAY_URL: gateway.url });
      const web = stack.add(await startNextServer('sentiment-web', { env: { SENTIMENT_API_URL: api.url }, readyPath: '/health' }));
      settings.log(`gateway ${gateway.url}, sentiment-api ${api.url}, sentiment-web ${web.url}`);

      const page = await openPage(browser);
      await page.goto(`${web.url}/batch`);
      await page.getByLabel('CSV file').setInputFiles(csvPath);
      await page.getByLabel('Text column').selectOption('text');
      await page.getByRole('button', { name: 'Start analysis' }).click();
      await page.getByRole('progressbar', { name: 'Job progress' }).waitFor();
      const jobId = (await page.locator('section[aria-label="Upload job"] code').first().textContent())?.trim();
      if (!jobId) throw new Error('the page shows no job id after "Start analysis"');
      const jobPage = new URL(page.url()).pathname;

      const atKill = await untilDone(api.url, jobId, Math.max(1, Math.floor(settings.rows * KILL_AT)));
      const before = await pageState(page);
      await api.kill();
      settings.log(`sentiment-api killed at row ${atKill.done} of ${settings.rows} (page at ${before.percent} %)`);

      // Watch the page from the kill on: every alert it shows, and its progress.
      const seen: PageState[] = [];
      let watching = true;
      const watch = (async () => {
        while (watching) {
          seen.push(await pageState(page).catch((error: Error) => ({ alerts: [`page unreadable: ${error.message}`], percent: null, url: '' })));
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, settings.outageSeconds * 1000));
      api = await stack.restartProduct(api);
      settings.log('sentiment-api back; following the job in the page');
      const end = await untilFinished(api.url, jobId, FINISH_MS).catch(async () => (await readJob(api.url, jobId)) ?? { status: 'unknown', done: 0 });
      const deadline = Date.now() + PAGE_CATCH_UP_MS;
      while (Date.now() < deadline && seen[seen.length - 1]?.percent !== 100) await new Promise((resolve) => setTimeout(resolve, 500));
      watching = false;
      await watch;
      await screenshotter('chaos')(page, 'api-restart-web');
      const screenshot = join(screenshotsDir(), 'chaos-api-restart-web.png');
      const rows = await accountRows(api.url, jobId, settings.rows);

      // A "reconnecting…" notice is what the page should show while the API is away; anything else is an error.
      const shown = [...new Set(seen.flatMap((s) => s.alerts))];
      const alerts = shown.filter((text) => !RECONNECTING.test(text));
      const reconnecting = shown.length - alerts.length;
      const percents = seen.map((s) => s.percent).filter((p): p is number => p !== null);
      const last = seen[seen.length - 1];
      const resumed = percents.some((p) => before.percent !== null && p > before.percent);
      const leftJobPage = seen.some((s) => s.url && new URL(s.url).pathname !== jobPage);
      const failed = end.status !== 'succeeded';
      const notes: string[] = [];
      if (alerts.length) notes.push(`the page showed an error: ${alerts.map((a) => `"${a.slice(0, 160)}"`).join('; ')}`);
      if (!resumed) notes.push(`the page's progress never moved past ${before.percent} % after the restart (the API's job: ${end.status}, ${end.done} rows)`);
      if (last?.percent !== 100)
        notes.push(`the page ended at ${last?.percent ?? 'no'} % (not 100 %) ${PAGE_CATCH_UP_MS / 1000} s after the job ${end.status}`);
      if (leftJobPage) notes.push('the page left the job page');
      if (failed) notes.push(`the job ended ${end.status}`);
      if (rows.lost) notes.push(`${rows.lost} of ${rows.expected} rows were not analysed`);
      if (rows.duplicated) notes.push(`${rows.duplicated} rows were analysed more than once (${rows.jobs} jobs)`);
      notes.push(`the page at the end: ${screenshot}`);
      return {
        passed: !alerts.length && resumed && last?.percent === 100 && !leftJobPage && !failed && rows.lost === 0 && rows.duplicated === 0,
        notes,
        figures: {
          rows: settings.rows,
          'killed at row': atKill.done,
          'page % at kill': before.percent ?? '-',
          'page % at end': last?.percent ?? '-',
          'errors shown': alerts.length,
          'reconnecting notices': reconnecting,
          job: end.status,
          analysed: rows.analysedOnce,
          lost: rows.lost,
          duplicated: rows.duplicated,
        },
        counts: { lost_rows: rows.lost, duplicated_rows: rows.duplicated, jobs_failed_by_restart: failed ? 1 : 0 },
      };
    } finally {
      await browser.close().catch(() => undefined);
      await stack.stop();
    }
  },
};
