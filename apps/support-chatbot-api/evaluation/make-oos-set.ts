/**
 * Writes an evaluation CSV (`text,category`) with out-of-scope rows for a bank's bot: a seeded
 * sample of Banking77 test (in scope) plus Bitext customer-support utterances about online-shop
 * topics a bank does not handle (orders, shipping addresses, invoices, newsletters, product
 * reviews), labelled `oos`. Nothing is committed: the file goes under tmp/.
 * `npx nx run support-chatbot-api:oos-set [-- --out tmp/eval/banking77-oos.csv]`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadBanking77, loadBitextCustomerSupport, OUT_OF_SCOPE_CATEGORY } from '@matrix/datasets';
import { cliArgs } from '@matrix/dev-harness';
import { createRng, shuffled } from '@matrix/evaluation-metrics';
import { workspaceRoot } from '@matrix/paths';
import Papa from 'papaparse';

/** Bitext intents no bank support desk answers. */
export const SHOP_ONLY_INTENTS = ['cancel_order', 'change_order', 'place_order', 'track_order', 'change_shipping_address', 'set_up_shipping_address', 'get_invoice', 'check_invoices', 'newsletter_subscription', 'review'];

function main() {
  const args = cliArgs(
    'Usage: make-oos-set.ts -- [--out tmp/eval/banking77-oos.csv] [--in-scope 1000] [--per-intent 50] [--seed 7]',
    { out: join(workspaceRoot(), 'tmp', 'eval', 'banking77-oos.csv'), 'in-scope': '1000', 'per-intent': '50', seed: '7' },
  );
  const rng = createRng(Number(args.seed));
  const inScope = shuffled(loadBanking77('test').examples, rng).slice(0, Number(args['in-scope']));
  const bitext = loadBitextCustomerSupport();
  const oos = SHOP_ONLY_INTENTS.flatMap((intent) => shuffled(bitext.filter((u) => u.intent === intent), rng).slice(0, Number(args['per-intent'])));
  const rows = shuffled([...inScope.map((e) => ({ text: e.text, category: e.category })), ...oos.map((u) => ({ text: u.utterance, category: OUT_OF_SCOPE_CATEGORY }))], rng);
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${Papa.unparse(rows, { columns: ['text', 'category'] })}\n`);
  console.log(`wrote ${args.out}: ${inScope.length} in-scope rows + ${oos.length} out-of-scope rows`);
}

main();
