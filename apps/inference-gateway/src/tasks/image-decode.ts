import sharp from 'sharp';

/** Bad image bytes: the HTTP layer answers 415/422 with this message. */
export class ImageDecodeError extends Error {
  readonly code = 'invalid_image';
}

export interface ImageLimits {
  /** Largest accepted width × height, to refuse decompression bombs before decoding. */
  maxPixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxPixels: 40_000_000 };

const MAGIC: Array<{ type: string; test: (b: Buffer) => boolean }> = [
  { type: 'jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'png', test: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'gif', test: (b) => b.length > 6 && (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a') },
  { type: 'webp', test: (b) => b.length > 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  {
    type: 'tiff',
    test: (b) =>
      b.length > 4 && (b.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) || b.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))),
  },
  { type: 'avif', test: (b) => b.length > 12 && b.subarray(4, 12).toString('latin1').startsWith('ftypavi') },
];

/** The image type told by its first bytes (never by the file name or the client's Content-Type). */
export function sniffImageType(bytes: Buffer): string | undefined {
  return MAGIC.find((m) => m.test(bytes))?.type;
}

/** Decoded image as an 8-bit RGB pixel buffer (HWC) with its size. */
export interface RgbImage {
  width: number;
  height: number;
  pixels: Buffer;
}

/** Checks magic bytes and pixel count, then decodes (EXIF-rotated, sRGB, no alpha). */
export async function assertDecodableImage(
  bytes: Buffer,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<{ width: number; height: number; type: string }> {
  const type = sniffImageType(bytes);
  if (!type) throw new ImageDecodeError('the body is not an image: expected JPEG, PNG, GIF, WebP, TIFF or AVIF bytes');
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    // Reading the header only: the pixel limit is checked below with a clearer message.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageDecodeError(`the ${type} image cannot be read: ${(error as Error).message}`);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width < 1 || height < 1) throw new ImageDecodeError(`the ${type} image has no pixels`);
  if (width * height > limits.maxPixels) {
    throw new ImageDecodeError(`the image is ${width}×${height} pixels, more than the ${limits.maxPixels} allowed`);
  }
  return { width, height, type };
}
