import type { ImageView, ObjectBox, TagSource, TagView } from '@matrix/image-tagger-contract';
import type { Thresholds } from '../tags/threshold.service';

/** A stored tag row, as read from the database. */
export type { ImageView, TagView };

export interface TagRow {
  id: string;
  name: string;
  source: string;
  confidence: number;
  wnid: string | null;
  boxes: string | null;
  via: string | null;
  status: string;
  vocabulary: string | null;
  model: string | null;
  modelVersion: string | null;
}

export interface ImageRow {
  id: string;
  sha256: string;
  filename: string | null;
  format: string;
  width: number;
  height: number;
  bytes: number;
  collection: string | null;
  status: string;
  error: string | null;
  classifierModel: string | null;
  classifierVersion: string | null;
  detectorModel: string | null;
  detectorVersion: string | null;
  taggedAt: Date | null;
  createdAt: Date;
  tags: TagRow[];
}

const SOURCE_ORDER: Record<string, number> = { manual: 0, classifier: 1, detector: 2, 'zero-shot': 3, parent: 4 };

export function toTagView(row: TagRow, thresholds: Thresholds, allBoxes = false): TagView {
  const threshold = thresholds.of(row.name);
  const status = row.status as TagView['status'];
  const visible = status === 'confirmed' || (status === 'suggested' && row.confidence >= threshold);
  const view: TagView = {
    id: row.id,
    name: row.name,
    source: row.source as TagSource,
    confidence: row.confidence,
    threshold,
    visible,
    status,
    wnid: row.wnid,
    model: row.model,
    modelVersion: row.modelVersion,
  };
  if (row.boxes) {
    const boxes = JSON.parse(row.boxes) as ObjectBox[];
    // A confirmed object keeps at least its best box, whatever the threshold.
    const shown = boxes.filter((b, i) => b.score >= threshold || (status === 'confirmed' && i === 0));
    view.count = shown.length;
    view.boxes = allBoxes ? boxes : shown;
  }
  if (row.via) view.via = JSON.parse(row.via) as string[];
  if (row.vocabulary) view.vocabulary = row.vocabulary;
  return view;
}

export function toImageView(row: ImageRow, thresholds: Thresholds, options: { allTags: boolean; classifierVersion?: string }): ImageView {
  const tags = row.tags
    .map((t) => toTagView(t, thresholds, options.allTags))
    .sort((a, b) => Number(b.visible) - Number(a.visible) || SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || b.confidence - a.confidence);
  const visible = tags.filter((t) => t.visible);
  return {
    id: row.id,
    filename: row.filename,
    format: row.format,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    sha256: row.sha256,
    collection: row.collection,
    status: row.status,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    taggedAt: row.taggedAt?.toISOString() ?? null,
    models: {
      classifier: row.classifierModel && row.classifierVersion ? { model: row.classifierModel, version: row.classifierVersion } : null,
      detector: row.detectorModel && row.detectorVersion ? { model: row.detectorModel, version: row.detectorVersion } : null,
    },
    stale: Boolean(options.classifierVersion && row.classifierVersion && row.classifierVersion !== options.classifierVersion),
    urls: { original: `/api/images/${row.id}/file`, thumbnail: `/api/images/${row.id}/thumbnail` },
    tags: options.allTags ? tags : visible,
    hiddenTags: tags.length - visible.length,
  };
}
