import type { Detection, LabelScore, ModelRef } from '@matrix/gateway-client';
import { imagenetHierarchy } from './imagenet-hierarchy';

import { TAG_SOURCES, type ObjectBox, type TagSource } from '@matrix/image-tagger-contract';

export { TAG_SOURCES, type ObjectBox, type TagSource };
/** The sources a re-tag replaces (people's manual tags and reviews are kept). */
export const MACHINE_SOURCES: TagSource[] = ['classifier', 'parent', 'detector', 'zero-shot'];

/** A tag the models proposed for one image, before it is stored. */
export interface MachineTag {
  name: string;
  source: Exclude<TagSource, 'manual'>;
  confidence: number;
  wnid?: string;
  boxes?: ObjectBox[];
  /** Parents: the classifier tags they come from. */
  via?: string[];
  vocabulary?: string;
  model: string;
  modelVersion: string;
}

/** Tag names are compared lower-case with single spaces ("Golden Retriever " → "golden retriever"). */
export function normalizeTagName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Classifier tags (the top-k ImageNet classes) plus their WordNet parents. A parent's confidence is
 * the probability mass of its classes among the top-k (they are disjoint classes, so it is a sum,
 * ≤ 1): a photo scored 0.4 tabby and 0.3 tiger cat is "cat" with 0.7. Parents under
 * `minParentConfidence` are left out.
 */
export function classifierTags(top: LabelScore[], ref: ModelRef, minParentConfidence = 0): MachineTag[] {
  const tags: MachineTag[] = [];
  const parents = new Map<string, { wnid: string; classes: Map<string, number> }>();
  for (const entry of top) {
    const name = normalizeTagName(entry.label);
    const wnid = imagenetHierarchy.wnidOf(entry.index);
    tags.push({ name, source: 'classifier', confidence: round(entry.score), wnid, model: ref.model, modelVersion: ref.version });
    for (const parent of wnid ? imagenetHierarchy.parentsOf(wnid) : []) {
      const parentName = normalizeTagName(parent.name);
      const slot = parents.get(parentName) ?? { wnid: parent.wnid, classes: new Map<string, number>() };
      slot.classes.set(name, entry.score);
      parents.set(parentName, slot);
    }
  }
  for (const [name, slot] of parents) {
    const confidence = Math.min(
      1,
      [...slot.classes.values()].reduce((sum, score) => sum + score, 0),
    );
    // Parents of unlikely classes only would be noise (and a dozen rows each).
    if (confidence < minParentConfidence) continue;
    tags.push({
      name,
      source: 'parent',
      confidence: round(confidence),
      wnid: slot.wnid,
      via: [...slot.classes.keys()],
      model: ref.model,
      modelVersion: ref.version,
    });
  }
  return tags;
}

/** One object tag per detected class: its boxes (best first) and the best box score as confidence. */
export function detectorTags(detections: Detection[], ref: ModelRef): MachineTag[] {
  const byLabel = new Map<string, ObjectBox[]>();
  for (const d of detections) {
    const name = normalizeTagName(d.label);
    const box = d.box.map((v) => Math.round(v * 10) / 10) as ObjectBox['box'];
    byLabel.set(name, [...(byLabel.get(name) ?? []), { box, score: round(d.score) }]);
  }
  return [...byLabel].map(([name, boxes]) => {
    boxes.sort((a, b) => b.score - a.score);
    return { name, source: 'detector' as const, confidence: boxes[0].score, boxes, model: ref.model, modelVersion: ref.version };
  });
}

/** One tag per label of a zero-shot vocabulary, with CLIP's probability. */
export function zeroShotTags(scores: LabelScore[], vocabulary: string, ref: ModelRef): MachineTag[] {
  return scores.map((s) => ({
    name: normalizeTagName(s.label),
    source: 'zero-shot' as const,
    confidence: round(s.score),
    vocabulary,
    model: ref.model,
    modelVersion: ref.version,
  }));
}
