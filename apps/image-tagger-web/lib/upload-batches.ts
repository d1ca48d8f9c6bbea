import type { UploadResult } from '@matrix/image-tagger-contract';
import { csrfHeaders } from '@matrix/product-ui';

/** Files per upload request: big enough to batch well on the gateway, small enough to show progress. */
export const FILES_PER_REQUEST = 8;
/** Bytes per request before a batch is cut early (a few large photos go alone). */
export const BYTES_PER_REQUEST = 48 * 1024 * 1024;

/** Splits the chosen files into upload requests, in order. */
export function batchFiles<T extends { size: number }>(files: T[], perRequest = FILES_PER_REQUEST, bytesPerRequest = BYTES_PER_REQUEST): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length && (current.length >= perRequest || bytes + file.size > bytesPerRequest)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Adds up the outcome counts of several upload answers. */
export function mergeResults(results: UploadResult[]): UploadResult {
  return {
    created: results.reduce((sum, r) => sum + r.created, 0),
    duplicates: results.reduce((sum, r) => sum + r.duplicates, 0),
    rejected: results.reduce((sum, r) => sum + r.rejected, 0),
    files: results.flatMap((r) => r.files),
  };
}

/** An upload the API refused as a whole (or could not be reached); ErrorBanner shows its message. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * POSTs one batch as multipart/form-data with XMLHttpRequest (fetch cannot report upload progress).
 * `onProgress(sentBytes, totalBytes)`. A 4xx for the whole batch (every file refused) comes back as
 * an UploadResult of rejected files, so the page lists each file's reason.
 */
export function uploadBatch(url: string, files: File[], onProgress: (sent: number, total: number) => void): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    // A cookie-authenticated write: the API wants the CSRF cookie echoed (apiFetch does this for every other write).
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total);
    xhr.onerror = () => reject(new UploadError('Could not reach the API. Is it running?', 0, 'network_error'));
    xhr.onload = () => {
      let body: { error?: string; code?: string; details?: { files?: UploadResult['files'] } } & Partial<UploadResult> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new UploadError(`The API answered ${xhr.status} without JSON`, xhr.status));
        return;
      }
      if (xhr.status === 201) resolve(body as UploadResult);
      else if (xhr.status >= 400 && xhr.status < 500 && body.details?.files)
        resolve({ created: 0, duplicates: 0, rejected: body.details.files.length, files: body.details.files });
      else reject(new UploadError(body.error ?? `Upload failed (HTTP ${xhr.status})`, xhr.status, body.code));
    };
    xhr.send(form);
  });
}
