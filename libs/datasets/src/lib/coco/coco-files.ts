import { z } from 'zod';
import { DatasetFormatError } from '../dataset-errors';
import { readDatasetText } from '../dataset-files';
import { CocoCaption, CocoInstances, cocoCaptionsSchema, cocoInstancesSchema } from './coco-schema';

/** Parses and validates a JSON file, turning schema failures into a `DatasetFormatError`. */
function readValidatedJson<T>(path: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readDatasetText(path));
  } catch (error) {
    throw new DatasetFormatError(path, undefined, `invalid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DatasetFormatError(path, undefined, `at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}

/**
 * A COCO instances file (`instances_*.json`), validated, with every annotation's image and
 * category checked to exist (a dangling id would silently drop ground truth from AP).
 */
export function loadCocoInstances(path: string): CocoInstances {
  const instances = readValidatedJson(path, cocoInstancesSchema);
  const imageIds = new Set(instances.images.map((image) => image.id));
  const categoryIds = new Set(instances.categories.map((category) => category.id));
  for (const annotation of instances.annotations) {
    if (!imageIds.has(annotation.image_id)) {
      throw new DatasetFormatError(path, undefined, `annotation ${annotation.id} refers to unknown image ${annotation.image_id}`);
    }
    if (!categoryIds.has(annotation.category_id)) {
      throw new DatasetFormatError(path, undefined, `annotation ${annotation.id} refers to unknown category ${annotation.category_id}`);
    }
  }
  return instances;
}

/** The caption annotations of a COCO captions file (`captions_*.json`). */
export function loadCocoCaptions(path: string): CocoCaption[] {
  return readValidatedJson(path, cocoCaptionsSchema).annotations;
}
