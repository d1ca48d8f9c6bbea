import type { ObjectBox } from '@matrix/image-tagger-contract';

/** A box as CSS percentages of the displayed image, so it scales with the picture. */
export function boxPercentages(box: ObjectBox['box'], width: number, height: number): { left: string; top: string; width: string; height: string } {
  const pct = (value: number, of: number) => `${Math.max(0, Math.min(100, (value / of) * 100)).toFixed(2)}%`;
  const [x, y, w, h] = box;
  return { left: pct(x, width), top: pct(y, height), width: pct(Math.min(w, width - x), width), height: pct(Math.min(h, height - y), height) };
}

const PALETTE = ['#e4572e', '#17bebb', '#ffc914', '#76b041', '#7b61ff', '#ff5d8f', '#2e86ab', '#f18f01'];

/** A stable colour per label, so every "person" box is drawn alike. */
export function labelColour(label: string): string {
  let hash = 0;
  for (const char of label) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}
