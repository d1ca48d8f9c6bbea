import type { Page } from 'playwright-core';

/**
 * The mark every product page sets on <html> once React has hydrated it (useHydrationMark in
 * @matrix/product-ui's ProductShell). Named here, not imported: this lib runs in Node, without the UI's CSS.
 */
const HYDRATED = 'html[data-hydrated="true"]';

/**
 * Waits until the page in `page` has hydrated. A click before that is lost (or submits a form the
 * old way), which on a loaded CI machine happens right after a fast navigation.
 */
export async function waitHydrated(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator(HYDRATED).waitFor({ state: 'attached', timeout: timeoutMs });
}

/** Opens `url` and waits until React has hydrated it, so the test's first click is not lost. */
export async function gotoHydrated(page: Page, url: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(url);
  await waitHydrated(page, timeoutMs);
}
