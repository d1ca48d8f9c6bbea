import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listenOnRandomPort, withTestCredentials, type Json, type RunningApi } from '@matrix/dev-harness';
import { createProductApp } from '@matrix/product-server';
import { datasetsDir, modelsDir } from '@matrix/paths';
import { imageTaggerAppOptions } from '../../src/app-options';
import { ImageTaggerModule } from '../../src/image-tagger.module';

export { call, waitFor, type Json, type RunningApi } from '@matrix/dev-harness';

/** Real photos from ../shared (the test fails with ENOENT and the path when they are absent). */
export const PHOTOS = {
  tigerCat: join(datasetsDir(), 'imagenet-sample', 'images', 'n02123159_tiger_cat.JPEG'),
  finch: join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg'),
  labrador: join(datasetsDir(), 'imagenet-sample', 'images', 'n02099712_Labrador_retriever.JPEG'),
  /** A COCO photo with people (COCO id 139: a living room). */
  coco: join(datasetsDir(), 'coco-val2017-mini', 'val2017', '000000000139.jpg'),
};

/** The image tagger API in this process on a random port (as main.ts builds it, with the test's env). */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const fullEnv = { LOG_LEVEL: 'warn', ...env };
  return listenOnRandomPort(await createProductApp(ImageTaggerModule.forRoot(), { ...imageTaggerAppOptions(fullEnv), env: fullEnv }));
}

/** A multipart upload as a browser sends it: `files` are paths or [name, bytes] pairs. */
export async function upload(
  apiUrl: string,
  files: Array<string | [string, Buffer]>,
  query: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const form = new FormData();
  for (const file of files) {
    const [name, bytes] = typeof file === 'string' ? [basename(file), readFileSync(file)] : file;
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name);
  }
  const response = await fetch(`${apiUrl}/api/images?${new URLSearchParams(query)}`, { method: 'POST', body: form, headers: withTestCredentials() });
  return { status: response.status, body: await response.json() };
}
