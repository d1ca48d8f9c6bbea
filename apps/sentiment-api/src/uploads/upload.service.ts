import { Inject, Injectable } from '@nestjs/common';
import { withTransaction, type DbClient, type Job } from '@matrix/db';
import { ApiError, createJobOnce, InjectDb, PiiRedactor, ProductJobs } from '@matrix/product-server';
import { MAX_TEXT_CHARS, SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { UploadOriginals } from '../privacy/upload-originals';
import { readCsvColumn, type RejectedRow } from './csv-input';
import { JOB_KIND, JOB_PRODUCT, toJobView, type CsvJobParams, type CsvJobView } from './csv-job';

export interface UploadRequest {
  csv: string;
  column?: string;
  hasHeader: boolean;
  filename?: string;
  source?: string;
  /** The client's Idempotency-Key: the same key answers the job it already created. */
  idempotencyKey?: string;
  /** Find and store each row's aspects too. */
  aspects?: boolean;
}

/** The stored input of a job: its rows to analyse and its rejected rows. */
export interface UploadInput {
  rows: Array<[number, string]>;
  rejected: RejectedRow[];
  /** The job finds each row's aspects (results list them). */
  aspects: boolean;
}

/**
 * Turns a CSV upload into a queued job (job + its input in one transaction) and reads its input back. The input is
 * stored with its PII replaced (so a job survives a restart without the database holding card numbers); the rows as
 * uploaded stay in memory for the job's first run in this process, so the model scores the original text, and the
 * analyses are redacted again when stored. A job resumed after a restart scores the stored, redacted rows.
 */
@Injectable()
export class UploadService {
  constructor(
    @InjectDb() private readonly db: DbClient,
    @Inject(SENTIMENT_CONFIG) private readonly config: SentimentConfig,
    private readonly jobs: ProductJobs,
    private readonly redactor: PiiRedactor,
    private readonly originals: UploadOriginals,
  ) {}

  /** The queued job (created: false when the Idempotency-Key already made it: nothing new is created or queued). */
  async create(request: UploadRequest): Promise<{ job: CsvJobView; created: boolean }> {
    const selection = readCsvColumn(request.csv, {
      column: request.column,
      hasHeader: request.hasHeader,
      maxRows: this.config.maxCsvRows,
      maxTextChars: MAX_TEXT_CHARS,
    });
    const source = request.source ?? 'csv';
    const params: CsvJobParams = {
      column: selection.column,
      hasHeader: request.hasHeader,
      filename: request.filename ?? null,
      source,
      rows: selection.rows.length,
      rejected: selection.rejected.length,
    };
    const { job, created } = await createJobOnce(this.db, JOB_PRODUCT, request.idempotencyKey, () =>
      withTransaction(this.db, async (tx) => {
        const created = await tx.job.create({
          data: {
            product: JOB_PRODUCT,
            kind: JOB_KIND,
            status: 'queued',
            total: selection.rows.length,
            params: JSON.stringify(params),
            idempotencyKey: request.idempotencyKey ?? null,
          },
        });
        await tx.sentimentUpload.create({
          data: {
            jobId: created.id,
            filename: params.filename,
            column: selection.column,
            hasHeader: request.hasHeader,
            source,
            rows: JSON.stringify(selection.rows.map(([row, text]) => [row, this.redactor.text(text)])),
            rejected: JSON.stringify(selection.rejected),
            aspects: request.aspects ?? false,
          },
        });
        return created;
      }),
    );
    if (created) {
      this.originals.keep(job.id, selection.rows);
      await this.jobs.enqueue(job.id);
    }
    return { job: toJobView(job), created };
  }

  /** One of the CSV jobs (404 otherwise). */
  job(id: string): Promise<Job> {
    return this.jobs.row(id, JOB_KIND);
  }

  async input(jobId: string): Promise<UploadInput> {
    const upload = await this.db.sentimentUpload.findUnique({ where: { jobId } });
    if (!upload) throw new ApiError(404, 'not_found', `job '${jobId}' has no stored input`);
    return { rows: JSON.parse(upload.rows) as Array<[number, string]>, rejected: JSON.parse(upload.rejected) as RejectedRow[], aspects: upload.aspects };
  }
}
