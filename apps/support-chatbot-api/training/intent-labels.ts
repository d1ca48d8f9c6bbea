import { OUT_OF_SCOPE_CATEGORY, type IntentExample } from '@matrix/datasets';

/** The intents a training file teaches: its categories (never the out-of-scope one), sorted. */
export function intentLabels(examples: readonly IntentExample[]): string[] {
  return [...new Set(examples.map((e) => e.category).filter((c) => c !== OUT_OF_SCOPE_CATEGORY))].sort();
}

/** Each example's label index; out-of-scope rows are dropped from training (the bot learns them as low confidence). */
export function labelledRows(examples: readonly IntentExample[], labels: readonly string[]): { texts: string[]; labels: number[] } {
  const index = new Map(labels.map((l, i) => [l, i]));
  const rows = examples.filter((e) => index.has(e.category));
  return { texts: rows.map((e) => e.text), labels: rows.map((e) => index.get(e.category) as number) };
}
