/** Headless Chromium for the browser tests, and whether these tests can run here. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_BROWSER = existsSync(CHROMIUM);
const REQUIRED = Boolean(process.env.GNSSWATCH_REQUIRE_BROWSER);

/** Skip without a browser, unless the run insists on one (then the test fails and says why). */
export const SKIP_BROWSER = !HAVE_BROWSER && !REQUIRED;
if (SKIP_BROWSER) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium; set GNSSWATCH_REQUIRE_BROWSER=1 to fail instead)`);

export async function launchBrowser(): Promise<Browser> {
  if (!HAVE_BROWSER) throw new Error(`GNSSWATCH_REQUIRE_BROWSER is set but ${CHROMIUM} is missing: install it with apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}
