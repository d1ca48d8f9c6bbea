import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ErrorBody, FileOutcome, TagView, UploadResult } from '@matrix/image-tagger-contract';
import { withAdminToken } from '@matrix/dev-harness';

/** The tags the API stored for one uploaded file (none when it refused the file). */
export function uploadedTags(outcome: FileOutcome): TagView[] {
  return outcome.status === 'rejected' ? [] : outcome.image.tags;
}

/** POSTs files to /api/images as multipart/form-data, as a browser form would. */
export async function uploadFiles(apiUrl: string, paths: string[], query: Record<string, string>): Promise<FileOutcome[]> {
  const form = new FormData();
  const contents = await Promise.all(paths.map((path) => readFile(path)));
  contents.forEach((bytes, i) => form.append('file', new Blob([new Uint8Array(bytes)]), basename(paths[i])));
  const response = await fetch(`${apiUrl}/api/images?${new URLSearchParams(query)}`, { method: 'POST', headers: withAdminToken(), body: form });
  const body = (await response.json()) as Partial<UploadResult & ErrorBody>;
  if (response.status !== 201 || !body.files)
    throw new Error(`POST /api/images answered ${response.status}: ${body.error ?? JSON.stringify(body).slice(0, 300)}`);
  return body.files;
}

/** Runs `work` over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], i);
      }
    }),
  );
  return out;
}

export function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
