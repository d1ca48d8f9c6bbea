import type { ModelVersionView, Strategy } from './api-types';

/** Short label for a version id like 2026-11-26T09-52-49-003Z: "11-26 09:52:49". */
export function versionLabel(version: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})/.exec(version);
  return m ? `${m[1]}-${m[2]} ${m[3]}:${m[4]}:${m[5]}` : version;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1e4) / 1e4 : null);

/** One chart row per version, oldest first (charts read left to right in time). */
export function metricRows(versions: readonly ModelVersionView[]): Array<Record<string, string | number | null>> {
  return [...versions].reverse().map((v) => ({
    version: versionLabel(v.version),
    ndcg: num(v.metrics['ndcg@10']),
    precision: num(v.metrics['precision@10']),
    recall: num(v.metrics['recall@10']),
    map: num(v.metrics['map@10']),
    rmse: num(v.metrics.rmse),
  }));
}

/** Training seconds per model and version, oldest first, for a stacked bar chart. */
export function secondsRows(versions: readonly ModelVersionView[]): { rows: Array<Record<string, string | number | null>>; models: string[] } {
  const models = [...new Set(versions.flatMap((v) => Object.keys(v.metrics.seconds ?? {})))].sort();
  const rows = [...versions].reverse().map((v) => ({
    version: versionLabel(v.version),
    ...Object.fromEntries(models.map((m) => [m, num(v.metrics.seconds?.[m]) ?? 0])),
  }));
  return { rows, models };
}

export const STRATEGY_TEXT: Record<Strategy, string> = {
  personalised: 'Personalised by the ranker (served by the inference gateway)',
  content: 'Content-based: item descriptions embedded by the gateway (items newer than the model)',
  popularity: 'Popular items (cold start: no history the model knows)',
  'item-knn': 'Item-item similarity (people who liked this also liked…)',
};

/** "★ 4.3" for a predicted rating, "" without one. */
export function ratingText(value: number | undefined): string {
  return value === undefined ? '' : `★ ${value.toFixed(1)}`;
}
