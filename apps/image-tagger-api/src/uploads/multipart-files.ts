import { createHash } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import { ApiError } from '@matrix/product-server';
import type { FastifyRequest } from 'fastify';

export interface UploadedFile {
  /** The client's file name (display only). */
  filename: string | null;
  bytes: Buffer;
  /** SHA-256 (hex) of `bytes` when known: a multipart part is hashed chunk by chunk as it streams in (no second pass over the file). */
  sha256?: string;
  /** Set when the file broke a limit while it was read (the others still count). */
  error?: ApiError;
}

export interface MultipartLimits {
  maxFiles: number;
  maxFileBytes: number;
}

/**
 * Reads every file part of a multipart/form-data request into memory, within the limits
 * registered with @fastify/multipart: a file over the size limit is reported (413) without
 * stopping the others; more files than allowed is a 413 for the whole request.
 */
export async function readMultipartFiles(request: FastifyRequest, limits: MultipartLimits): Promise<UploadedFile[]> {
  if (!request.isMultipart()) {
    throw new ApiError(415, 'unsupported_media_type', 'upload images as multipart/form-data with one or more file fields (e.g. curl -F file=@photo.jpg)');
  }
  const files: UploadedFile[] = [];
  try {
    for await (const part of request.files()) {
      files.push(await readPart(part, limits));
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw new ApiError(413, 'too_many_files', `at most ${limits.maxFiles} files per upload; send the rest in another request`);
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_MULTIPART_INVALID_CONTENT_TYPE')
      throw new ApiError(415, 'unsupported_media_type', (error as Error).message);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new ApiError(413, 'too_many_parts', (error as Error).message);
    throw new ApiError(400, 'bad_multipart', `the multipart body cannot be read: ${(error as Error).message}`);
  }
  if (!files.length) throw new ApiError(422, 'no_files', 'the upload has no files: add one or more file fields (multipart/form-data)');
  return files;
}

async function readPart(part: MultipartFile, limits: MultipartLimits): Promise<UploadedFile> {
  const filename = part.filename ? part.filename.slice(0, 255) : null;
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  for await (const chunk of part.file) {
    chunks.push(chunk as Buffer);
    hash.update(chunk as Buffer);
  }
  if (part.file.truncated) {
    const mib = (limits.maxFileBytes / 1024 / 1024).toFixed(1);
    return {
      filename,
      bytes: Buffer.alloc(0),
      error: new ApiError(413, 'file_too_large', `${filename ?? 'a file'} is larger than ${mib} MiB, the most one image may be`),
    };
  }
  return { filename, bytes: Buffer.concat(chunks), sha256: hash.digest('hex') };
}
