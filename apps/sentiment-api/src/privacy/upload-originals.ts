import { Injectable } from '@nestjs/common';

/**
 * CSV rows as uploaded, held in memory only until the job's first run in this process takes them: the stored input
 * is redacted (SentimentUpload.rows), but the model should score what the customer wrote. A job resumed after a
 * restart has only the stored, redacted rows.
 */
@Injectable()
export class UploadOriginals {
  private readonly rows = new Map<string, Array<[number, string]>>();

  keep(jobId: string, rows: Array<[number, string]>): void {
    this.rows.set(jobId, rows);
  }

  /** The uploaded rows of the job, once (undefined after that, or after a restart). */
  take(jobId: string): Array<[number, string]> | undefined {
    const rows = this.rows.get(jobId);
    this.rows.delete(jobId);
    return rows;
  }
}
