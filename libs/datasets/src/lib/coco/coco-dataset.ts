import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDatasetPath, requireDatasetPath } from '../dataset-files';
import { loadCocoCaptions, loadCocoInstances } from './coco-files';
import { CocoAnnotation, CocoCategory, CocoInstances } from './coco-schema';

/** One ground-truth object box. */
export interface CocoGroundTruthBox {
  annotationId: number;
  categoryId: number;
  categoryName: string;
  /** [x, y, width, height] in pixels. */
  bbox: [number, number, number, number];
  area: number;
  /** Crowd regions are ignored (neither hit nor miss) by COCO-style AP. */
  isCrowd: boolean;
}

/** An image with its file path, ground-truth boxes, the set of categories present and captions. */
export interface CocoImageEntry {
  id: number;
  fileName: string;
  filePath: string;
  width: number;
  height: number;
  boxes: CocoGroundTruthBox[];
  /** Distinct category ids with at least one box (crowd included), ascending: multi-label truth. */
  categoryIds: number[];
  /** Names of `categoryIds`, in the same order. */
  categoryNames: string[];
  captions: string[];
}

export interface CocoDataset {
  categories: CocoCategory[];
  images: CocoImageEntry[];
  /** The raw instances file, for evaluators that want COCO's own structure. */
  instances: CocoInstances;
}

export interface CocoDatasetFiles {
  instancesFile: string;
  imagesDir: string;
  /** Optional: without it every image has no captions. */
  captionsFile?: string;
}

/** Folder of the shipped COCO val2017 mini set (79 images). */
export function cocoVal2017MiniDir(): string {
  return defaultDatasetPath('coco-val2017-mini');
}

function toBox(annotation: CocoAnnotation, categoryNames: Map<number, string>): CocoGroundTruthBox {
  return {
    annotationId: annotation.id,
    categoryId: annotation.category_id,
    categoryName: categoryNames.get(annotation.category_id) ?? String(annotation.category_id),
    bbox: annotation.bbox,
    area: annotation.area,
    isCrowd: annotation.iscrowd === 1,
  };
}

/** Any COCO-format detection set: an instances file plus the folder its `file_name`s live in. */
export function loadCocoDataset(files: CocoDatasetFiles): CocoDataset {
  requireDatasetPath(files.imagesDir);
  const instances = loadCocoInstances(files.instancesFile);
  const categoryNames = new Map(instances.categories.map((category) => [category.id, category.name]));
  const boxesByImage = new Map<number, CocoGroundTruthBox[]>();
  for (const annotation of instances.annotations) {
    const boxes = boxesByImage.get(annotation.image_id) ?? [];
    boxes.push(toBox(annotation, categoryNames));
    boxesByImage.set(annotation.image_id, boxes);
  }
  const captionsByImage = new Map<number, string[]>();
  for (const caption of files.captionsFile ? loadCocoCaptions(files.captionsFile) : []) {
    const captions = captionsByImage.get(caption.image_id) ?? [];
    captions.push(caption.caption);
    captionsByImage.set(caption.image_id, captions);
  }
  const images = instances.images.map((image): CocoImageEntry => {
    const boxes = boxesByImage.get(image.id) ?? [];
    const categoryIds = [...new Set(boxes.map((box) => box.categoryId))].sort((a, b) => a - b);
    return {
      id: image.id,
      fileName: image.file_name,
      filePath: join(files.imagesDir, image.file_name),
      width: image.width,
      height: image.height,
      boxes,
      categoryIds,
      categoryNames: categoryIds.map((id) => categoryNames.get(id) ?? String(id)),
      captions: captionsByImage.get(image.id) ?? [],
    };
  });
  return { categories: instances.categories, images, instances };
}

/** The shipped COCO val2017 mini: 79 images, 624 boxes, 80 categories, with captions. */
export function loadCocoVal2017Mini(dir: string = cocoVal2017MiniDir()): CocoDataset {
  requireDatasetPath(dir);
  const captionsFile = join(dir, 'captions_val2017.json');
  return loadCocoDataset({
    instancesFile: join(dir, 'instances_val2017.json'),
    imagesDir: join(dir, 'val2017'),
    captionsFile: existsSync(captionsFile) ? captionsFile : undefined,
  });
}
