/**
 * Journey: consent to share information, on a phone. Karim, a case manager who reads Haven in
 * English, records Amal Haddad's consent for a health center, uploads the signed form, then prints
 * the consent form in Spanish and the rights and responsibilities statement in Arabic (right to
 * left) — the client's language, not his. Axe checks the card, the form and both documents.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { closeBrowser, closePage, expectNoSeriousA11yViolations, login, newPage, screenshot, uncaughtErrors } from '../support/browser';

const PASSWORD = 'demo-password-123';
const PHONE = { width: 390, height: 844 };
/** A fresh recipient per run, so the journey also passes against a server that has run it before. */
const RECIPIENT = `Riverside Health Center ${Math.floor(Math.random() * 100_000)}`;

async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
}

describe('consent to share information', () => {
  afterAll(async () => {
    await closeBrowser();
  });

  it('a case manager records a consent, uploads the signed form, prints the Spanish form and the Arabic rights statement', async () => {
    const page = await newPage({ viewport: PHONE });
    onTestFailed(async () => {
      await screenshot(page, 'consent-failure').catch(() => undefined);
    });
    await login(page, 'casemanager@demo.haven.test', PASSWORD);
    await page.goto('/clients?q=Amal%20Haddad');
    await page.getByRole('link', { name: 'Amal Haddad' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Amal Haddad' }).waitFor({ state: 'visible' });
    const card = page.getByRole('region', { name: 'Consents to share information' });
    await card.waitFor({ state: 'visible' });

    // Recording: a two-year consent is refused (VAWA: time-limited, at most one year).
    await card.getByRole('button', { name: 'Record consent' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Organization receiving the information' }).fill(RECIPIENT);
    await dialog.getByRole('textbox', { name: 'Purpose' }).fill('Coordinate primary care and vaccinations for the family');
    await dialog.getByRole('checkbox', { name: 'Contact details' }).check();
    await dialog.getByRole('checkbox', { name: 'Health' }).check();
    const signedOn = await dialog.getByLabel('Signed on').inputValue();
    const twoYears = `${Number(signedOn.slice(0, 4)) + 2}${signedOn.slice(4)}`;
    await dialog.getByLabel('Expires on').fill(twoYears);
    await dialog.getByRole('combobox', { name: 'Language of the form' }).selectOption('es');
    await dialog.getByRole('button', { name: 'Save consent' }).click();
    await dialog.getByText('Consent can last at most one year from the signing date').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'record consent form with an error');
    await screenshot(page, 'consent-1-form-phone');
    await dialog.getByLabel('Expires on').fill(`${Number(signedOn.slice(0, 4)) + 1}${signedOn.slice(4)}`);
    await dialog.getByRole('button', { name: 'Save consent' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const item = card.getByRole('listitem').filter({ hasText: RECIPIENT });
    await item.getByText('Active').waitFor({ state: 'visible' });

    // The signed form, scanned to PDF.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const chooser = page.waitForEvent('filechooser');
    await item.getByRole('button', { name: `Upload signed form: ${RECIPIENT}` }).click();
    await (await chooser).setFiles({ name: 'amal-consent.pdf', mimeType: 'application/pdf', buffer: pdf });
    await item.getByRole('link', { name: new RegExp(`^Download: ${RECIPIENT}`) }).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'client record with the consents card');
    await expectNoHorizontalScroll(page, 'the consents card');
    await card.screenshot({ path: 'test-results/consent-2-card-phone.png' });

    // The consent form in Spanish, though Karim reads Haven in English.
    await card.getByRole('combobox', { name: 'Language for printing' }).selectOption('es');
    await item.getByRole('link', { name: `Print consent form: ${RECIPIENT}` }).click();
    const form = page.locator('article.print-document');
    await form.getByRole('heading', { level: 1, name: 'Consentimiento para compartir información' }).waitFor({ state: 'visible' });
    expect(await form.getAttribute('lang')).toBe('es');
    expect(await form.getAttribute('dir')).toBe('ltr');
    await form.getByText(RECIPIENT).waitFor({ state: 'visible' });
    await form.getByText(/Yo, Amal Haddad, autorizo a/).waitFor({ state: 'visible' });
    await form.getByText('Firmar este formulario es mi decisión', { exact: false }).waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectNoSeriousA11yViolations(page, 'consent form, Spanish');
    await expectNoHorizontalScroll(page, 'the printable consent form');
    await screenshot(page, 'consent-3-form-es-phone');

    // The rights and responsibilities statement in Arabic, right to left.
    await page.goto(page.url().replace(/\/consents\/[0-9a-f-]+\/print.*$/, '/rights/print?lang=ar'));
    const rights = page.locator('article.print-document');
    await rights.getByRole('heading', { level: 1, name: 'حقوقك ومسؤولياتك' }).waitFor({ state: 'visible' });
    expect(await rights.getAttribute('lang')).toBe('ar');
    expect(await rights.getAttribute('dir')).toBe('rtl');
    await rights.getByText('مترجم شفهي مجاني', { exact: false }).waitFor({ state: 'visible' });
    await rights.getByText('AR-11', { exact: false }).waitFor({ state: 'visible' });
    await rights.getByText('Amal Haddad').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'rights statement, Arabic');
    await expectNoHorizontalScroll(page, 'the printable rights statement');
    await screenshot(page, 'consent-4-rights-ar-phone');

    // Printed on paper, only the document shows: the screen bar is gone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    expect(uncaughtErrors(page)).toEqual([]);
    await closePage(page);
  });
});
