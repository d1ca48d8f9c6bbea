import { loadBanking77, loadBitextCustomerSupport, OUT_OF_SCOPE_CATEGORY, type BitextUtterance, type IntentExample } from '@matrix/datasets';
import { createRng, shuffled } from '@matrix/evaluation-metrics';

/** Bitext intents no bank support desk answers (online-shop topics). */
export const SHOP_ONLY_INTENTS = [
  'cancel_order',
  'change_order',
  'place_order',
  'track_order',
  'change_shipping_address',
  'set_up_shipping_address',
  'get_invoice',
  'check_invoices',
  'newsletter_subscription',
  'review',
];

/** Bitext utterances of the shop-only intents, `perIntent` of each, seeded. */
export function shopQuestions(perIntent: number, seed: number, exclude: ReadonlySet<string> = new Set()): BitextUtterance[] {
  const rng = createRng(seed);
  const bitext = loadBitextCustomerSupport().filter((u) => !exclude.has(u.utterance));
  return SHOP_ONLY_INTENTS.flatMap((intent) =>
    shuffled(
      bitext.filter((u) => u.intent === intent),
      rng,
    ).slice(0, perIntent),
  );
}

export interface OosSetOptions {
  inScope: number;
  perIntent: number;
  seed: number;
}

/**
 * The out-of-scope evaluation set: a seeded sample of Banking77 test (in scope) plus shop
 * questions labelled `oos`, shuffled. Also returns the shop questions used, so tuning can avoid them.
 */
export function buildOosSet(options: OosSetOptions): { rows: IntentExample[]; oosTexts: Set<string> } {
  const rng = createRng(options.seed);
  const inScope = shuffled(loadBanking77('test').examples, rng).slice(0, options.inScope);
  const oos = shopQuestions(options.perIntent, options.seed);
  const rows = shuffled(
    [...inScope.map((e) => ({ text: e.text, category: e.category })), ...oos.map((u) => ({ text: u.utterance, category: OUT_OF_SCOPE_CATEGORY }))],
    rng,
  );
  return { rows, oosTexts: new Set(oos.map((u) => u.utterance)) };
}

/** Defaults shared by `oos-set` and `tune-oos-floor` (the tuning set must not overlap the evaluation set). */
export const OOS_SET_DEFAULTS: OosSetOptions = { inScope: 1000, perIntent: 50, seed: 7 };
