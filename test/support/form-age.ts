import type { Page } from 'playwright-core';
import { waitFor } from './wait-for';

/**
 * Waits until the intake page's form token is older than the service's 3 s minimum (a form sent
 * sooner is spam): first for the page to have its token, then for the token's own issue time
 * (its first segment, base 36) to lie far enough back. A condition, not a fixed sleep.
 */
export async function formTokenOldEnough(page: Page, minAgeMs = 3_200): Promise<void> {
  const token = await waitFor(() => page.locator('#form_token').inputValue(), {
    timeoutMs: 10_000,
    what: 'the form token',
  });
  const issuedAt = parseInt(token.split('.')[0], 36);
  await waitFor(() => Date.now() - issuedAt > minAgeMs, {
    timeoutMs: minAgeMs + 5_000,
    intervalMs: 100,
    what: 'the form token to be 3 s old',
  });
}
