/**
 * The image tagger web app in a real browser, against the real stack: inference gateway
 * (MobileNetV2 + CenterNet) → image tagger API (SQLite, temp image store) → built Next.js app
 * (`next start`), driven by headless Debian Chromium through playwright-core. It uploads photos
 * (one of them not a photo), searches the library by a parent tag, opens a photo with its object
 * boxes, reviews tags, and runs a bulk job to the end, saving screenshots to
 * tmp/screenshots/image-tagger-*.png.
 *
 * Needs: /usr/bin/chromium (`apt-get install -y chromium`, or tools/scripts/ensure-chromium.sh), a
 * build (`npx nx run image-tagger-web:build`; the test target depends on it) and the photos in
 * ../shared. Missing any of them FAILS with what to do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { imageModelsManifest, startAppProcess, startGatewayProcess } from '@matrix/dev-harness';
import { datasetsDir, modelsDir } from '@matrix/paths';
import {
  e2eStaff,
  firstAdminEnv,
  gotoHydrated,
  launchChromium,
  openPage,
  requireChromium,
  requireNextBuild,
  screenshotter,
  signIn,
  startNextServer,
  WebE2eStack,
} from '@matrix/web-e2e';

const PHOTOS = {
  tigerCat: join(datasetsDir(), 'imagenet-sample', 'images', 'n02123159_tiger_cat.JPEG'),
  labrador: join(datasetsDir(), 'imagenet-sample', 'images', 'n02099712_Labrador_retriever.JPEG'),
  finch: join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg'),
  // COCO val2017 #139: a living room with people, a TV and chairs (objects for the box overlay).
  livingRoom: join(datasetsDir(), 'coco-val2017-mini', 'val2017', '000000000139.jpg'),
};

// The staff member the pages are used as (created at the API's first boot; every page but the chat visitor's needs sign-in).
const admin = e2eStaff('tagger-admin');

const shot = screenshotter('image-tagger');

function requirePrerequisites() {
  requireChromium();
  requireNextBuild('image-tagger-web');
  for (const photo of Object.values(PHOTOS))
    if (!existsSync(photo))
      throw new Error(`${photo} is missing: the web e2e uploads real photos from ../shared (set MATRIX_SHARED_DIR if it lives elsewhere).`);
}

describe('image tagger web in Chromium against the real API and gateway', () => {
  let stack: WebE2eStack;
  let webUrl = '';
  let page: Page;

  beforeAll(async () => {
    requirePrerequisites();
    stack = new WebE2eStack('image-tagger-web');
    const scratch = stack.scratch;
    const gateway = stack.add(await startGatewayProcess({ MODEL_MANIFEST: imageModelsManifest(), GATEWAY_MODEL_STORE: join(scratch, 'model-store') }));
    // A fresh SQLite file and image store: the API applies the migrations at boot.
    const api = stack.add(
      await startAppProcess('image-tagger-api', {
        readyPath: '/health/ready',
        env: {
          ...firstAdminEnv(admin),
          GATEWAY_URL: gateway.url,
          IMAGE_TAGGER_DATABASE_URL: `file:${join(scratch, 'e2e.db')}`,
          IMAGE_STORE_DIR: join(scratch, 'store'),
          IMAGE_TAGGER_RETAG_ON_MODEL_CHANGE: 'false',
        },
        readyTimeoutMs: 120_000,
      }),
    );
    webUrl = stack.add(await startNextServer('image-tagger-web', { env: { IMAGE_TAGGER_API_URL: api.url } })).url;
    page = await openPage(stack.addBrowser(await launchChromium()));
    await signIn(page, webUrl, admin);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('uploads four photos and a file that is not one: progress, tags per photo, the refusal with its reason', async () => {
    await gotoHydrated(page, `${webUrl}/upload`);
    const photo = (path: string) => ({ name: basename(path), mimeType: 'image/jpeg', buffer: readFileSync(path) });
    await page
      .locator('input[type="file"]')
      .setInputFiles([
        photo(PHOTOS.tigerCat),
        photo(PHOTOS.labrador),
        photo(PHOTOS.finch),
        photo(PHOTOS.livingRoom),
        { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') },
      ]);
    await page.getByLabel('Collection (optional)').fill('e2e');
    await page.getByRole('button', { name: 'Upload 5 images' }).click();
    const summary = page.getByRole('heading', { name: '4 new, 0 already in the library, 1 refused' });
    await summary.waitFor({ timeout: 120_000 });
    await expect(page.getByRole('progressbar', { name: 'Upload and tagging' }).getAttribute('aria-valuenow')).resolves.toBe('100');
    const files = page.getByRole('list', { name: 'Uploaded files' });
    await expect(files.getByText(/notes\.jpg.*is not a supported image/).count()).resolves.toBe(1);
    await expect(page.getByRole('list', { name: 'Uploaded files' }).locator('.it-chip', { hasText: 'house finch' }).count()).resolves.toBe(1);
    // Vocabularies can be made now; zero-shot with them needs CLIP, which the page says is not served.
    await page.getByLabel('Name', { exact: true }).fill('garden');
    await page.getByLabel('Labels (comma-separated)').fill('bird feeder, flower bed, lawn');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('list', { name: 'Vocabularies' }).getByText('bird feeder, flower bed, lawn').waitFor();
    await page.getByText(/Zero-shot is off: .*CLIP/).waitFor();
    await shot(page, 'upload');
  });

  it('searches the library by a parent tag and shows tag chips on each photo', async () => {
    await gotoHydrated(page, `${webUrl}/`);
    const grid = page.getByRole('list', { name: 'Images' });
    await grid.locator('li').nth(3).waitFor();
    await expect(grid.locator('li').count()).resolves.toBe(4);
    await page.getByLabel('Tags', { exact: true }).fill('animal');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: '3 images tagged animal' }).waitFor();
    await page.getByLabel('Tags', { exact: true }).fill('dog');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: '1 image tagged dog' }).waitFor();
    await expect(grid.locator('li').first().textContent()).resolves.toContain('Labrador');
    await page.getByLabel('Tags', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: '4 images' }).waitFor();
    await shot(page, 'library');
  });

  it('opens a photo with its object boxes drawn over it, and rejects a tag', async () => {
    await page.getByRole('link', { name: /000000000139\.jpg/ }).click();
    await page.locator('.it-overlay img').waitFor();
    const boxes = page.getByTestId('object-box');
    await boxes.first().waitFor();
    expect(await boxes.count()).toBeGreaterThan(0);
    await expect(boxes.first().textContent()).resolves.toMatch(/^[a-z ]+ \d+%$/);
    const firstObject = page.locator('tr[data-tag]').filter({ hasText: 'object' }).first();
    const name = (await firstObject.getAttribute('data-tag')) as string;
    await shot(page, 'image-boxes');
    await page
      .getByRole('button', { name: `Reject ${name}` })
      .first()
      .click();
    await page.locator(`tr[data-tag="${name}"]`).filter({ hasText: 'rejected' }).first().waitFor();
  });

  it('reviews suggested tags in bulk and shows the thresholds', async () => {
    await gotoHydrated(page, `${webUrl}/review`);
    const items = page.getByRole('list', { name: 'Images to review' });
    await items.locator('li').first().waitFor();
    await page.getByRole('button', { name: /^Confirm house finch on finch\.jpeg$/ }).click();
    await page.getByRole('button', { name: /^Confirm Labrador retriever on/i }).click();
    await page.getByRole('button', { name: 'Save 2 reviews' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved 2 reviews.' }).waitFor();
    await shot(page, 'review');
  });

  it('runs a bulk re-tagging job and follows it live to the end', async () => {
    await gotoHydrated(page, `${webUrl}/jobs`);
    await page.getByLabel('Which images').selectOption('all');
    await page.getByRole('button', { name: 'Start job' }).click();
    const progress = page.getByRole('progressbar', { name: /^Job / });
    await progress.waitFor();
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, { timeout: 120_000 });
    await page.getByText('4 / 4 images · 4 tagged').first().waitFor();
    await shot(page, 'jobs');
  });
});
