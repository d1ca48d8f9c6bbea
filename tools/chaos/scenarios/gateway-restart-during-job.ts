import { ChaosStack } from '../chaos-stack';
import type { ChaosScenario, ChaosSettings, ScenarioOutcome } from '../chaos-scenario';
import { accountRows, sentimentCsv, untilDone, untilFinished, uploadCsv } from '../sentiment-csv-job';

/** Where in the job the gateway dies: 16 % in, as in the report (row 320 of 2,000). */
const KILL_AT = 0.16;
/** A job may take this long after the gateway is back (a fixed product resumes within its backoff). */
const FINISH_MS = 600_000;

/**
 * The inference gateway is killed (SIGKILL) and started again during a sentiment CSV job of real
 * SST-2 sentences. Passes when the job still succeeds with every row analysed exactly once.
 */
export const gatewayRestartDuringJob: ChaosScenario = {
  name: 'gateway-restart',
  summary: 'gateway SIGKILLed and restarted during a sentiment CSV job: the job succeeds, every row analysed once',
  async run(settings: ChaosSettings): Promise<ScenarioOutcome> {
    const stack = new ChaosStack(settings.tmpRoot, 'gateway-restart');
    try {
      const csv = sentimentCsv(settings.rows);
      let gateway = await stack.startGateway('default');
      const api = await stack.startProduct('sentiment-api', { GATEWAY_URL: gateway.url });
      settings.log(`gateway ${gateway.url}, sentiment-api ${api.url}; uploading ${settings.rows} rows`);
      const started = performance.now();
      const job = await uploadCsv(api.url, csv);
      const atKill = await untilDone(api.url, job.id, Math.max(1, Math.floor(settings.rows * KILL_AT)));
      await gateway.kill();
      const killedAt = performance.now();
      settings.log(`gateway killed at row ${atKill.done} of ${settings.rows} (job ${atKill.status})`);
      await new Promise((resolve) => setTimeout(resolve, settings.outageSeconds * 1000));
      gateway = await stack.restartGateway(gateway);
      const outage = (performance.now() - killedAt) / 1000;
      settings.log(`gateway back after ${outage.toFixed(1)} s; following the job`);
      const end = await untilFinished(api.url, job.id, FINISH_MS);
      const rows = await accountRows(api.url, job.id, settings.rows);
      const midJob = atKill.done < settings.rows && atKill.status !== 'succeeded';
      const failed = end.status !== 'succeeded';
      const notes: string[] = [];
      if (!midJob) notes.push(`the job had finished (${atKill.status}) before the gateway was killed: no fault was injected; use more --rows`);
      if (failed) notes.push(`the job ended ${end.status} after the gateway restart: ${end.error ?? 'no reason given'}`);
      if (rows.lost) notes.push(`${rows.lost} of ${rows.expected} rows were not analysed`);
      if (rows.duplicated) notes.push(`${rows.duplicated} rows were analysed more than once (${rows.jobs} jobs)`);
      return {
        passed: midJob && !failed && rows.lost === 0 && rows.duplicated === 0,
        notes,
        figures: {
          rows: settings.rows,
          'killed at row': atKill.done,
          'outage s': Number(outage.toFixed(1)),
          job: end.status,
          analysed: rows.analysedOnce,
          lost: rows.lost,
          duplicated: rows.duplicated,
          'job s': Number(((performance.now() - started) / 1000).toFixed(1)),
        },
        counts: { lost_rows: rows.lost, duplicated_rows: rows.duplicated, jobs_failed_by_restart: failed ? 1 : 0 },
      };
    } finally {
      await stack.stop();
    }
  },
};
