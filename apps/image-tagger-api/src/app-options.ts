import multipart from '@fastify/multipart';
import type { ProductAppOptions } from '@matrix/product-server';
import { JSON_BODY_LIMIT_BYTES, loadImageTaggerConfig } from './config/image-tagger-config';

/** How main.ts (and the e2e test) build the app: same limits and docs everywhere. */
export function imageTaggerAppOptions(env: NodeJS.ProcessEnv = process.env): ProductAppOptions {
  const config = loadImageTaggerConfig(env);
  return {
    name: 'image-tagger-api',
    defaultPort: 8140,
    env,
    description:
      'Image tagger: upload one or many images; tags with confidence from the inference gateway — ImageNet classes with their WordNet parents, ' +
      'objects with counts and boxes, zero-shot vocabularies when a CLIP model is served; global and per-tag thresholds tuned from people’s ' +
      'reviews; search the library by tag; bulk tagging jobs with progress that survive restarts.',
    jsonBodyLimitBytes: JSON_BODY_LIMIT_BYTES,
    rawBodyTypes: [],
    // Multipart uploads: the size and count limits are enforced while the body streams in.
    setup: async (app) => {
      await app.register(multipart, {
        // An oversized file is cut and flagged (part.file.truncated): it is refused alone, the other files go on.
        throwFileSizeLimit: false,
        limits: { fileSize: config.maxFileBytes, files: config.maxFiles, fields: 20, parts: config.maxFiles + 20, fieldSize: 64 * 1024 },
      });
    },
  };
}
