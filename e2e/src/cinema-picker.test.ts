// A deployment with two cinemas: the web app asks which one, keeps the choice in the address
// (shareable) and in the browser, and lists that cinema's films only; a kiosk never asks.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditScreen } from './axe';
import { secondCinema } from '@marquee/server/test/fixtures';
import { hasChromium, launchChromium, snap } from './browser';
import { startSystem, type TSystem } from './system';

let system: TSystem;
let browser: Browser;

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
  // A second cinema with a film of its own, shown tomorrow evening.
  await secondCinema(system.ctx.prisma, {
    film: { title: 'Chai at Dawn', language: 'Marathi', certificate: 'U', runtimeMinutes: 112 },
    seats: 8,
    startsInHours: 26,
    pricePaise: 18_000,
  });
}, 480_000);
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe.skipIf(!hasChromium)('two cinemas on the web', () => {
  it('asks which cinema, keeps it in the address and the browser, and lists only its films', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${system.server.url}/`);
    await page.getByRole('heading', { name: 'Pick a cinema' }).waitFor();
    expect(await auditScreen(page, 'web cinema picker')).toEqual([]);
    await snap(page, 'web-8-pick-cinema');
    await page.getByRole('button', { name: /^Riverside Pune/ }).click();
    await page.waitForURL(/\?cinema=riverside-pune$/);
    // The film is tomorrow's: the day tabs lead to it.
    await page.getByRole('tab').last().click();
    await page.getByRole('button', { name: /^Chai at Dawn\b/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Starfall Express\b/ }).count()).toBe(0);
    // The browser remembers the choice: the plain address opens the same cinema.
    await page.goto(`${system.server.url}/`);
    await page.getByRole('tab').last().click();
    await page.getByRole('button', { name: /^Chai at Dawn\b/ }).waitFor();
    await context.close();

    // A shared link names the other cinema.
    const friend = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const theirs = await friend.newPage();
    await theirs.goto(`${system.server.url}/?cinema=marquee-demo`);
    await theirs
      .getByRole('button', { name: /^Starfall Express\b/ })
      .first()
      .waitFor();
    expect(await theirs.getByRole('button', { name: /^Chai at Dawn\b/ }).count()).toBe(0);
    await friend.close();
  }, 90_000);

  it("a kiosk sells its own cinema's films without asking", async () => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
    await page.getByRole('button', { name: 'Touch to start' }).click();
    await page.locator('.movie-card').first().waitFor();
    expect(await page.getByRole('button', { name: /^Chai at Dawn\b/ }).count()).toBe(0);
    await context.close();
  }, 60_000);
});
