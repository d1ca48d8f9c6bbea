/**
 * Writes an evaluation CSV (`text,category`) with out-of-scope rows for a bank's bot: a seeded
 * sample of Banking77 test (in scope) plus Bitext customer-support utterances about online-shop
 * topics a bank does not handle (orders, shipping addresses, invoices, newsletters, product
 * reviews), labelled `oos`. Nothing is committed: the file goes under tmp/.
 * `npx nx run support-chatbot-api:oos-set [-- --out tmp/eval/banking77-oos.csv]`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cliArgs } from '@matrix/dev-harness';
import { workspaceRoot } from '@matrix/paths';
import Papa from 'papaparse';
import { buildOosSet, OOS_SET_DEFAULTS } from './oos-set';

function main() {
  const args = cliArgs('Usage: npx nx run support-chatbot-api:oos-set -- [--out tmp/eval/banking77-oos.csv] [--in-scope 1000] [--per-intent 50] [--seed 7]', {
    out: join(workspaceRoot(), 'tmp', 'eval', 'banking77-oos.csv'),
    'in-scope': String(OOS_SET_DEFAULTS.inScope),
    'per-intent': String(OOS_SET_DEFAULTS.perIntent),
    seed: String(OOS_SET_DEFAULTS.seed),
  });
  const { rows, oosTexts } = buildOosSet({ inScope: Number(args['in-scope']), perIntent: Number(args['per-intent']), seed: Number(args.seed) });
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${Papa.unparse(rows, { columns: ['text', 'category'] })}\n`);
  console.log(`wrote ${args.out}: ${rows.length - oosTexts.size} in-scope rows + ${oosTexts.size} out-of-scope rows`);
}

main();
