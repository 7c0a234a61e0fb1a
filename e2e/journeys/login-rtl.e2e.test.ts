/**
 * Journey: a case manager on a phone signs in, switches Haven to Arabic (right-to-left), switches
 * back, and signs out. Accessibility is checked with axe in both languages; screenshots of each
 * stage go to test-results/login-rtl-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  closeBrowser,
  expectNoSeriousA11yViolations,
  login,
  newPage,
  screenshot,
  uncaughtErrors,
} from '../support/browser';

const CASE_MANAGER = { email: 'casemanager@demo.haven.test', password: 'demo-password-123' };
/** Any letter of the Arabic script. */
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

async function documentLanguage(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

/** The header's language control, found whatever the page language is (it offers en and ar). */
function languageSelect(page: Page) {
  return page
    .getByRole('banner')
    .getByRole('combobox')
    .filter({ has: page.locator('option[value="en"]') })
    .filter({ has: page.locator('option[value="ar"]') });
}

describe('a case manager on a phone signs in, reads Haven in Arabic, and signs out', () => {
  let page: Page;

  beforeAll(async () => {
    page = await newPage({ viewport: 'phone' });
  });

  afterAll(async () => {
    await closeBrowser();
  });

  it('signs in, switches to Arabic and back, passes axe in both, and signs out', async () => {
    onTestFailed(async () => {
      await screenshot(page, 'login-rtl-failure').catch(() => undefined);
    });

    // Sign in on a phone-sized screen.
    await login(page, CASE_MANAGER.email, CASE_MANAGER.password);

    // The home page, in English and left-to-right.
    const homeHeading = page.getByRole('heading', { level: 1 });
    await homeHeading.filter({ hasText: /^Welcome/ }).waitFor({ state: 'visible' });
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    await expectNoSeriousA11yViolations(page, 'home, English');
    await screenshot(page, 'login-rtl-1-home-en');

    // Switch to Arabic with the header's language control (its accessible name is "Language").
    const englishNamedSelect = page.getByRole('banner').getByRole('combobox', { name: 'Language' });
    await englishNamedSelect.waitFor({ state: 'visible' });
    await englishNamedSelect.selectOption('ar');

    // The whole document turns right-to-left and Arabic.
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    const arabicHeading = homeHeading.filter({ hasText: ARABIC });
    await arabicHeading.waitFor({ state: 'visible' });
    const headingText = (await arabicHeading.innerText()).trim();
    // The heading is Arabic text: its words are in Arabic script (the user's own name may be Latin).
    expect(headingText).toMatch(ARABIC);
    expect(headingText).not.toMatch(/Welcome/);
    // The language control is named in Arabic now, too.
    expect(await languageSelect(page).getAttribute('aria-label')).toMatch(ARABIC);
    await expectNoSeriousA11yViolations(page, 'home, Arabic');
    await screenshot(page, 'login-rtl-2-home-ar');

    // And back to English, left-to-right.
    await languageSelect(page).selectOption('en');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    await homeHeading.filter({ hasText: /^Welcome/ }).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'home, English again');

    // Sign out from the account menu: the sign-in page comes back.
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Haven' }).waitFor({ state: 'visible' });
    await page.getByLabel('Email').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-rtl-3-signed-out');

    // The session is really over: reloading the home page asks to sign in again.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Haven' }).waitFor({ state: 'visible' });

    expect(uncaughtErrors(page)).toEqual([]);
  });
});
