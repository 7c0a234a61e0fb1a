/**
 * Journey: the legal screens pass axe in English and in Arabic (right to left). The demo attorney
 * (legal@) walks her matters, deadlines and calendar (month, week and agenda) and every tab of
 * Selam Tesfay's asylum matter, with its printable agreement, on a phone; the program director
 * opens fee and credential administration on a desktop.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, closePage, expectNoSeriousA11yViolations, login, newPage, screenshot, uncaughtErrors } from '../support/browser';

const PASSWORD = 'demo-password-123';
const ATTORNEY_SCREENS = ['/matters', '/deadlines', '/calendar?view=month', '/calendar?view=week', '/calendar?view=agenda'];
const ADMIN_SCREENS = ['/admin/fees', '/admin/credentials'];

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
}

async function switchLanguage(page: Page, language: 'ar' | 'en'): Promise<void> {
  // From an app page: the printable documents have no header.
  await visit(page, '/matters');
  await page.getByRole('banner').getByRole('combobox').filter({ has: page.locator(`option[value="${language}"]`) }).selectOption(language);
  await page.waitForFunction((dir) => document.documentElement.dir === dir, language === 'ar' ? 'rtl' : 'ltr');
}

/** Every tab of the matter page, then the printable agreement, each with an axe check. */
async function walkMatter(page: Page, label: string): Promise<void> {
  await visit(page, '/matters');
  await page.getByRole('link', { name: 'Selam Tesfay' }).first().click();
  const tabs = page.getByRole('tab');
  await tabs.first().waitFor({ state: 'visible' });
  const count = await tabs.count();
  expect(count, 'the matter page has its seven tabs').toBeGreaterThanOrEqual(7);
  for (let index = 0; index < count; index += 1) {
    const tab = tabs.nth(index);
    const name = (await tab.textContent()) ?? String(index);
    await tab.click();
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolations(page, `matter tab ${name}, ${label}`);
  }
  const matterPath = new URL(page.url()).pathname;
  await page.goto(`${matterPath}/agreement`);
  await page.waitForLoadState('networkidle');
  await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
  await expectNoSeriousA11yViolations(page, `client services agreement, ${label}`);
}

describe('legal screens in English and Arabic', () => {
  afterAll(async () => {
    await closeBrowser();
  });

  it('the attorney’s matters, deadlines, calendar and matter tabs pass axe on a phone, left to right and right to left', async () => {
    const page = await newPage({ viewport: 'phone' });
    await login(page, 'legal@demo.haven.test', PASSWORD);
    for (const path of ATTORNEY_SCREENS) {
      await visit(page, path);
      await expectNoSeriousA11yViolations(page, `${path}, English`);
    }
    await walkMatter(page, 'English');

    await switchLanguage(page, 'ar');
    for (const path of ATTORNEY_SCREENS) {
      await visit(page, path);
      expect(await page.evaluate(() => document.documentElement.dir), path).toBe('rtl');
      await expectNoSeriousA11yViolations(page, `${path}, Arabic`);
    }
    await walkMatter(page, 'Arabic');
    await screenshot(page, 'legal-agreement-ar-phone');
    await switchLanguage(page, 'en');
    expect(uncaughtErrors(page)).toEqual([]);
    await closePage(page);
  });

  it('fee and credential administration pass axe for the program director, in English and Arabic', async () => {
    const page = await newPage({ viewport: 'desktop' });
    await login(page, 'director@demo.haven.test', PASSWORD);
    for (const path of ADMIN_SCREENS) {
      await visit(page, path);
      await expectNoSeriousA11yViolations(page, `${path}, English`);
    }
    // The demo fee schedule and the attorney's credential are there to manage.
    await visit(page, '/admin/credentials');
    await page.getByText('Grace Mwangi').first().waitFor({ state: 'visible' });
    await switchLanguage(page, 'ar');
    for (const path of ADMIN_SCREENS) {
      await visit(page, path);
      await expectNoSeriousA11yViolations(page, `${path}, Arabic`);
    }
    await screenshot(page, 'legal-admin-credentials-ar');
    await switchLanguage(page, 'en');
    expect(uncaughtErrors(page)).toEqual([]);
    await closePage(page);
  });
});
