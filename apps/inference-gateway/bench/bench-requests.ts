import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLabelledTsv } from '@matrix/datasets';
import type { GatewayClient } from '@matrix/gateway-client';

/** The models the gateway bench drives, and what one request to each sends. */
export const BENCH_MODELS = ['use-lite-en', 'mobilenetv2-int8'] as const;
export type BenchModel = (typeof BENCH_MODELS)[number];

export function isBenchModel(name: string): name is BenchModel {
  return (BENCH_MODELS as readonly string[]).includes(name);
}

/** Where the bench's inputs come from (the load clients read them in their own process). */
export interface BenchInputs {
  texts: string;
  images: string;
}

/** One request of the bench's workload for `model`: `i` picks the input round-robin. */
export function benchRequest(model: BenchModel, inputs: BenchInputs): (client: GatewayClient, i: number) => Promise<unknown> {
  if (model === 'use-lite-en') {
    const texts = loadSentences(inputs.texts);
    return (client, i) => client.embed([texts[i % texts.length]], { model });
  }
  const images = loadImages(inputs.images);
  return (client, i) => client.classifyImage(images[i % images.length], { model, contentType: 'image/jpeg', topK: 5 });
}

/** Sentences from an SST-2-format TSV (`sentence<TAB>label`), or one per line from any other file. */
export function loadSentences(path: string): string[] {
  return path.endsWith('.tsv')
    ? loadLabelledTsv(path).map((row) => row.sentence)
    : readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim());
}

/** Up to 200 JPEG/PNG files of a folder, in name order. */
export function loadImages(dir: string): Buffer[] {
  const files = readdirSync(dir)
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort()
    .slice(0, 200);
  if (!files.length) throw new Error(`no JPEG/PNG images in ${dir}`);
  return files.map((f) => readFileSync(join(dir, f)));
}
