import type { Locator } from 'playwright-core';

/**
 * Clicks `button` until `result` shows: a click that lands before React has hydrated the page does
 * nothing (or a plain form submit), which on a loaded CI machine happens after a fast `goto`. Each
 * click gets `perTryMs` for its result; clicking again re-sends the same request, so the action
 * must be idempotent (a search, a "show" button), never a write.
 */
export async function clickUntilVisible(button: Locator, result: Locator, { tries = 6, perTryMs = 5_000 } = {}): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await button.click();
    try {
      await result.waitFor({ state: 'visible', timeout: perTryMs });
      return;
    } catch (error) {
      if (attempt >= tries) throw error;
    }
  }
}
