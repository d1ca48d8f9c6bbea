'use client';
import type { JobView, Page } from '@matrix/product-contract';
import { useEffect, type ReactNode } from 'react';
import { ProgressBar } from './progress-bar';
import { useApiQuery } from './use-api-query';

/** The first-run demo job as a product API lists it (GET /api/jobs?kind=demo-data); stage/detail when it says. */
export type DemoDataJob = JobView & { stage?: string | null; detail?: string | null };

const POLL_MS = 2000;

export interface DemoDataBannerProps {
  /** What is being loaded, e.g. "the MovieLens demo (1,682 movies, 100,000 ratings)". */
  what: string;
  /** Shown once the demo data is there (e.g. a user to try); nothing by default. */
  loaded?: ReactNode;
  /** Told when the job finishes, so the page can reload what it shows. */
  onLoaded?: () => void;
}

/** The banner's text for a demo job, or null when there is nothing to say (no demo job, or it failed quietly). */
export function demoDataStatus(job: DemoDataJob | undefined): { active: boolean; label: string } | null {
  if (!job) return null;
  if (job.status === 'queued') return { active: true, label: 'Loading the demo data: queued' };
  if (job.status === 'running')
    return { active: true, label: `Loading the demo data${job.stage ? `: ${job.stage}` : ''}${job.detail ? ` (${job.detail})` : ''}` };
  if (job.status === 'succeeded') return { active: false, label: 'Demo data loaded' };
  return null;
}

/**
 * What a first visitor sees while the product's demo data loads in the background (the first-run job of the
 * product API): a progress bar that polls until the job is done, then `loaded`. Renders nothing when the product
 * has no demo job (its own data, or demo data turned off).
 */
export function DemoDataBanner({ what, loaded, onLoaded }: DemoDataBannerProps) {
  const jobs = useApiQuery<Page<DemoDataJob>>('/api/jobs?kind=demo-data&pageSize=1');
  const job = jobs.data?.items[0];
  const status = demoDataStatus(job);
  const active = status?.active ?? false;
  const { reload } = jobs;
  useEffect(() => {
    if (!active) return undefined;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, reload, jobs.data, jobs.error]);
  const finished = job?.status === 'succeeded';
  useEffect(() => {
    if (finished) onLoaded?.();
  }, [finished, onLoaded]);
  if (!status || !job) return null;
  if (!status.active) return loaded ? <div className="mx-demo-data">{loaded}</div> : null;
  return (
    <div className="mx-demo-data" role="status" aria-live="polite">
      <p className="mx-muted">{`First start: ${what} is being loaded in the background; this page fills in when it is done.`}</p>
      <ProgressBar value={job.progress * 100} label={status.label} />
    </div>
  );
}
