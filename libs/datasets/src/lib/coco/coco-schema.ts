import { z } from 'zod';

// Schemas for the parts of the COCO annotation format (cocodataset.org/#format-data) that the
// evaluators use. Field names stay as in the JSON so the types read like the COCO documentation.
// Unknown fields are kept out of the types but do not fail validation.

/** [x, y, width, height] in pixels from the top-left corner. */
const bbox = z.tuple([z.number(), z.number(), z.number().nonnegative(), z.number().nonnegative()]);

/** Polygons for single objects; run-length encoding for crowd regions (iscrowd = 1). */
const segmentation = z.union([
  z.array(z.array(z.number())),
  z.object({ counts: z.union([z.array(z.number()), z.string()]), size: z.tuple([z.number(), z.number()]) }),
]);

export const cocoImageSchema = z.object({
  id: z.number().int(),
  file_name: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  license: z.number().int().optional(),
  coco_url: z.string().optional(),
  flickr_url: z.string().optional(),
  date_captured: z.string().optional(),
});

export const cocoAnnotationSchema = z.object({
  id: z.number().int(),
  image_id: z.number().int(),
  category_id: z.number().int(),
  bbox,
  area: z.number().nonnegative(),
  iscrowd: z.union([z.literal(0), z.literal(1)]),
  segmentation: segmentation.optional(),
});

export const cocoCategorySchema = z.object({
  id: z.number().int(),
  name: z.string().min(1),
  supercategory: z.string(),
});

export const cocoLicenseSchema = z.object({ id: z.number().int(), name: z.string(), url: z.string() });

export const cocoInstancesSchema = z.object({
  info: z.record(z.string(), z.unknown()).optional(),
  licenses: z.array(cocoLicenseSchema).optional(),
  images: z.array(cocoImageSchema),
  annotations: z.array(cocoAnnotationSchema),
  categories: z.array(cocoCategorySchema),
});

export const cocoCaptionSchema = z.object({ id: z.number().int(), image_id: z.number().int(), caption: z.string() });

export const cocoCaptionsSchema = z.object({
  images: z.array(cocoImageSchema).optional(),
  annotations: z.array(cocoCaptionSchema),
});

export type CocoImage = z.infer<typeof cocoImageSchema>;
export type CocoAnnotation = z.infer<typeof cocoAnnotationSchema>;
export type CocoCategory = z.infer<typeof cocoCategorySchema>;
export type CocoLicense = z.infer<typeof cocoLicenseSchema>;
export type CocoInstances = z.infer<typeof cocoInstancesSchema>;
export type CocoCaption = z.infer<typeof cocoCaptionSchema>;
