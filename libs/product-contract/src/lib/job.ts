/** Where a background job is; the last three are final. */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Whether a job has ended (it will not change any more). */
export function isFinishedJob(status: string): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

/** Reads a stored status (the Job table keeps it as text); an unknown value is a bug, not data. */
export function toJobStatus(status: string): JobStatus {
  if (!isJobStatus(status)) throw new Error(`unknown job status '${status}'`);
  return status;
}

/**
 * Why a running (or queued) job is paused: a dependency it needs (the inference gateway, a model not served yet) is
 * unavailable. The job tries again by itself at `nextAttemptAt`, with backoff, until `giveUpAt`; only then does it fail.
 */
export interface JobWaiting {
  /** For people: "waiting for the inference gateway". */
  reason: string;
  /** The last error that made it wait. */
  lastError: string;
  /** When this wait began (ISO). */
  since: string;
  /** When it tries again (ISO). */
  nextAttemptAt: string;
  /** When it stops waiting and fails (ISO). */
  giveUpAt: string;
  /** Tries so far in this wait. */
  attempts: number;
}

/**
 * A background job as every product API answers it (`/api/jobs`, and the SSE events of `/api/jobs/:id/events`).
 * A product's contract extends it with the fields of its own kinds (its params, live stage, results link…).
 */
export interface JobView<Result extends object = object> {
  id: string;
  /** The product's kind of job (`csv-analysis`, `train`, `tag-images`…). */
  kind: string;
  status: JobStatus;
  /** Fraction done, 0..1. */
  progress: number;
  /** Work units in all (rows, images…); null until the job knows. */
  total: number | null;
  done: number;
  error: string | null;
  /** Set while the job waits out an unavailable dependency (it stays queued/running and resumes by itself). */
  waiting: JobWaiting | null;
  /** Whether POST /api/jobs/:id/retry may run it again for the work not done (failed or cancelled, of a kind that allows it). */
  retryable: boolean;
  /** What the job returned, once it succeeded (and partial counts while it runs, for some kinds). */
  result: Result | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** GET /api/jobs query: filter by kind and status; pagination as every list. */
export interface JobListQuery {
  kind?: string;
  status?: JobStatus;
}
