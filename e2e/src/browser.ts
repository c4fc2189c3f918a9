// Debian's Chromium driven by playwright-core (Playwright's own browser downloads are not reachable here).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export type { Browser, Locator, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
// `npm test` installs Debian's chromium and passes CHROMIUM_PATH; under CI a missing browser fails,
// elsewhere (vitest run on its own) the journeys are skipped, loudly.
if (!hasChromium && process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} for the browser journeys`);
if (!hasChromium)
  console.warn(
    `browser journeys skipped: no Chromium at ${CHROMIUM} (npm test installs it; or apt-get install chromium)`,
  );

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

/**
 * Takes a screenshot of the page; with UPDATE_SCREENSHOTS=1 saves it as e2e/screenshots/<name>.png
 * (the README shows these), otherwise the tracked files are left as they are.
 */
export async function snap(page: Page, name: string): Promise<void> {
  // Web fonts (Devanagari) load when text first needs them: wait, or the shot shows empty boxes.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (process.env.UPDATE_SCREENSHOTS !== '1') {
    await page.screenshot();
    return;
  }
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}
