import { createHash } from 'node:crypto';
import { ApiError, formatBytes } from '@matrix/product-server';
import sharp, { type Metadata } from 'sharp';
import { IMAGE_FORMATS, sniffImageFormat, type ImageFormat } from './image-type';

export interface ImageLimits {
  maxFileBytes: number;
  maxPixels: number;
}

/** An uploaded file that passed every check. */
export interface InspectedImage {
  bytes: Buffer;
  sha256: string;
  format: ImageFormat;
  /** As displayed (EXIF orientation applied). */
  width: number;
  height: number;
}

/**
 * Checks one uploaded file before anything is stored: size, type by magic bytes (415), a header
 * sharp can read (422), and width × height under the pixel limit (413) — read from the header, so a
 * decompression bomb is refused without decoding it. `label` names the file in the messages; `sha256`
 * is the hash when the caller already has it (an upload hashes while the file streams in).
 */
export async function inspectImage(bytes: Buffer, limits: ImageLimits, label: string, sha256?: string): Promise<InspectedImage> {
  if (bytes.length === 0) throw new ApiError(422, 'empty_file', `${label} is empty`);
  if (bytes.length > limits.maxFileBytes) {
    throw new ApiError(413, 'file_too_large', `${label} is ${formatBytes(bytes.length)}; files may be at most ${formatBytes(limits.maxFileBytes)}`);
  }
  const format = sniffImageFormat(bytes);
  if (!format) {
    throw new ApiError(
      415,
      'unsupported_image_type',
      `${label} is not a supported image: its bytes are not ${IMAGE_FORMATS.map((f) => f.toUpperCase()).join(', ')} (the file name and Content-Type are not trusted)`,
    );
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ApiError(422, 'unreadable_image', `${label} starts like a ${format.toUpperCase()} but cannot be read: ${(error as Error).message}`);
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width < 1 || height < 1) throw new ApiError(422, 'unreadable_image', `${label} has no pixels`);
  if (width * height > limits.maxPixels) {
    throw new ApiError(
      413,
      'too_many_pixels',
      `${label} is ${width}×${height} = ${((width * height) / 1e6).toFixed(1)} megapixels; at most ${(limits.maxPixels / 1e6).toFixed(1)} are allowed`,
    );
  }
  return { bytes, sha256: sha256 ?? createHash('sha256').update(bytes).digest('hex'), format, width, height };
}
