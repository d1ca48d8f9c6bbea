import { z } from 'zod';

const rgbTriple = z.tuple([z.number(), z.number(), z.number()]);

/**
 * Image input recipe, applied by the gateway before inference: resize, centre-crop
 * a square, order channels, then (pixel * rescale - mean) / std, laid out as the model expects.
 */
export const imagePreprocessingSchema = z
  .strictObject({
    /** Target size: the shortest edge (`shortest-edge`, aspect kept) or both sides (`stretch`); omitted = no resize. */
    resize: z.int().positive().optional(),
    resizeMode: z.enum(['shortest-edge', 'stretch']).default('shortest-edge'),
    /** Side of the centred square crop; omitted = the resized image as is. */
    crop: z.int().positive().optional(),
    channels: z.enum(['RGB', 'BGR']).default('RGB'),
    /** Multiplier applied to 0..255 pixels before mean/std (1/255 maps to 0..1). */
    rescale: z
      .number()
      .positive()
      .default(1 / 255),
    mean: rgbTriple.default([0, 0, 0]),
    std: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]).default([1, 1, 1]),
    layout: z.enum(['NCHW', 'NHWC']).default('NCHW'),
  })
  .refine((p) => p.crop === undefined || p.resize === undefined || p.crop <= p.resize, {
    message: 'crop must not exceed resize',
    path: ['crop'],
  });

export type ImagePreprocessing = z.output<typeof imagePreprocessingSchema>;
