import type { DbClient } from '@matrix/db';
import type { ReadinessRegistry } from '../health/readiness';
import type { JobKind, ProductJobs } from '../jobs/product-jobs.service';
import { DEMO_DATA_KIND, demoDataReadiness, queueDemoDataJob, type DemoDataDecision, type DemoDataSpec } from './demo-data';

/**
 * A product's first-run demo data, wired the one way every product does it (in its onModuleInit): the demo job
 * kind defined, the `demo-data` readiness check registered, and the job queued once on an empty database.
 */
export function installDemoData(
  deps: { db: DbClient; jobs: ProductJobs; readiness: ReadinessRegistry },
  spec: DemoDataSpec,
  job: Pick<JobKind, 'run' | 'view'>,
): Promise<DemoDataDecision> {
  deps.jobs.define({ product: spec.product, kind: DEMO_DATA_KIND, ...job });
  deps.readiness.register('demo-data', demoDataReadiness(deps.db, spec));
  return queueDemoDataJob(deps.db, spec);
}
