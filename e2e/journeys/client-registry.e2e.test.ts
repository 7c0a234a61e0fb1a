/**
 * Journey: the client registry on a phone. The intake specialist (who reads Haven in Spanish)
 * registers a mother with an A-number and an immigration status; registering her a second time,
 * Haven warns of the duplicate and she opens the existing record instead. A case manager then
 * registers the child, groups mother and child in a household, and opens a protected (VAWA)
 * record, which asks for a reason first. Axe checks the form, the record and the household.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { closeBrowser, closePage, expectNoSeriousA11yViolations, login, newPage, screenshot, uncaughtErrors } from '../support/browser';

const PASSWORD = 'demo-password-123';
/** A phone of today (iPhone 12–15 class), the width the issue asks the form to work at. */
const PHONE = { width: 390, height: 844 };

/** A fresh A-number per run, so the journey also passes against a server that has run it before. */
const A_NUMBER = String(Math.floor(100_000_000 + Math.random() * 899_999_999));
const MOTHER = { given: 'Carmen', family: 'Villalobos', dateOfBirth: '1991-04-12' };
const CHILD = { given: 'Mateo', family: 'Villalobos', dateOfBirth: '2019-08-30' };

let motherId = '';
let householdPath = '';

async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ state: 'visible' });
}

function clientIdFromUrl(page: Page): string {
  const match = /\/clients\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) {
    throw new Error(`not on a client record: ${page.url()}`);
  }
  return match[1];
}

/** The page must not scroll sideways on a phone: everything fits the 390 px viewport. */
async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
}

describe('the client registry on a phone', () => {
  afterAll(async () => {
    await closeBrowser();
  });

  it('in Spanish, the intake specialist registers a mother, is warned of the duplicate and opens the existing record', async () => {
    const page = await newPage({ viewport: PHONE });
    onTestFailed(async () => {
      await screenshot(page, 'client-registry-intake-failure').catch(() => undefined);
    });
    // The sign-in page follows the browser (English); the profile's language (Spanish) wins after.
    await login(page, 'intake@demo.haven.test', PASSWORD);
    await page.goto('/clients');
    await waitForHeading(page, 'Clientes');
    await page.getByRole('link', { name: 'Agregar cliente' }).click();
    await waitForHeading(page, 'Nuevo cliente');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');

    await page.getByRole('textbox', { name: 'Nombre', exact: true }).fill(MOTHER.given);
    await page.getByRole('textbox', { name: 'Apellido', exact: true }).fill(MOTHER.family);
    await page.getByLabel('Fecha de nacimiento', { exact: true }).fill(MOTHER.dateOfBirth);
    await page.getByRole('combobox', { name: 'Sexo' }).selectOption('female');

    // A wrong A-number is refused next to its field, in Spanish, before anything is sent.
    await page.getByRole('textbox', { name: 'Número A' }).fill('12AB');
    await page.getByRole('button', { name: 'Agregar una situación' }).click();
    await page.getByRole('combobox', { name: 'Situación migratoria' }).selectOption('asylum_seeker_affirmative');
    await page.getByLabel(/^Desde/).fill('2023-06-01');
    await page.getByRole('button', { name: 'Registrar cliente' }).click();
    await page.getByText('Un número A tiene 8 o 9 dígitos').waitFor({ state: 'visible' });
    await page.getByRole('textbox', { name: 'Número A' }).fill(A_NUMBER);
    await expectNoSeriousA11yViolations(page, 'new client form, Spanish');
    await expectNoHorizontalScroll(page, 'the new client form');
    await screenshot(page, 'client-registry-1-form-es-phone');

    await page.getByRole('button', { name: 'Registrar cliente' }).click();
    // A demo or earlier-run client may look similar: the warning is then answered "different person".
    const dialog = page.getByRole('dialog');
    const heading = page.getByRole('heading', { level: 1, name: `${MOTHER.given} ${MOTHER.family}` });
    await Promise.race([heading.waitFor({ state: 'visible' }), dialog.waitFor({ state: 'visible' })]);
    if (await dialog.isVisible()) {
      await dialog.getByRole('button', { name: 'Es otra persona: registrarla de todos modos' }).click();
    }
    await heading.waitFor({ state: 'visible' });
    motherId = clientIdFromUrl(page);
    await page.getByText('Solicitante de asilo (afirmativo)').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'client record, Spanish');
    await expectNoHorizontalScroll(page, 'the client record');
    await screenshot(page, 'client-registry-2-record-es-phone');

    // The same person again, with the same A-number: Haven shows the existing record first, its
    // A-number masked to the last four digits (A-•••-••5-678).
    await page.goto('/clients/new');
    await waitForHeading(page, 'Nuevo cliente');
    await page.getByRole('textbox', { name: 'Nombre', exact: true }).fill(MOTHER.given);
    await page.getByRole('textbox', { name: 'Apellido', exact: true }).fill(MOTHER.family);
    await page.getByLabel('Fecha de nacimiento', { exact: true }).fill(MOTHER.dateOfBirth);
    await page.getByRole('textbox', { name: 'Número A' }).fill(`A-${A_NUMBER}`);
    await page.getByRole('button', { name: 'Registrar cliente' }).click();
    await dialog.getByRole('heading', { name: 'Es posible que esta persona ya esté registrada' }).waitFor({ state: 'visible' });
    const candidate = dialog.getByRole('listitem').filter({ hasText: 'Mismo número A' });
    await expect.poll(() => candidate.count()).toBe(1);
    await candidate.getByText('Misma fecha de nacimiento').waitFor({ state: 'visible' });
    await candidate.getByText(`${A_NUMBER.slice(-4, -3)}-${A_NUMBER.slice(-3)}`).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'duplicate warning, Spanish');
    await screenshot(page, 'client-registry-3-duplicate-es-phone');
    await candidate.getByRole('link', { name: /Abrir el registro existente/ }).click();
    await heading.waitFor({ state: 'visible' });
    expect(clientIdFromUrl(page)).toBe(motherId);

    expect(uncaughtErrors(page)).toEqual([]);
    await closePage(page);
  });

  it('a case manager registers the child and groups mother and child in a household', async () => {
    expect(motherId, 'the first test registers the mother').not.toBe('');
    const page = await newPage({ viewport: PHONE });
    onTestFailed(async () => {
      await screenshot(page, 'client-registry-household-failure').catch(() => undefined);
    });
    await login(page, 'casemanager@demo.haven.test', PASSWORD);

    // The child, registered with the form in English.
    await page.goto('/clients/new');
    await waitForHeading(page, 'New client');
    await page.getByRole('textbox', { name: 'Given name', exact: true }).fill(CHILD.given);
    await page.getByRole('textbox', { name: 'Family name', exact: true }).fill(CHILD.family);
    await page.getByLabel('Date of birth', { exact: true }).fill(CHILD.dateOfBirth);
    await page.getByRole('button', { name: 'Register client' }).click();
    const childHeading = page.getByRole('heading', { level: 1, name: `${CHILD.given} ${CHILD.family}` });
    const dialog = page.getByRole('dialog');
    await Promise.race([childHeading.waitFor({ state: 'visible' }), dialog.waitFor({ state: 'visible' })]);
    if (await dialog.isVisible()) {
      await dialog.getByRole('button', { name: 'This is a different person — register anyway' }).click();
    }
    await childHeading.waitFor({ state: 'visible' });

    // The mother, found by her A-number in the list's search box.
    await page.goto('/clients');
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(A_NUMBER);
    const row = page.getByRole('row').filter({ hasText: 'Matched on the A-number' });
    await row.getByRole('link', { name: `${MOTHER.given} ${MOTHER.family}` }).click();
    await waitForHeading(page, `${MOTHER.given} ${MOTHER.family}`);
    expect(clientIdFromUrl(page)).toBe(motherId);

    // A new household with her as head.
    await page.getByRole('button', { name: 'New household' }).click();
    const create = page.getByRole('dialog', { name: 'New household' });
    await create.getByRole('textbox', { name: 'Household name' }).fill(`${MOTHER.family} family`);
    await create.getByRole('button', { name: 'Create household' }).click();
    await waitForHeading(page, `${MOTHER.family} family`);
    householdPath = new URL(page.url()).pathname;
    const current = page.getByRole('region', { name: 'Living here now' });
    await current.getByRole('link', { name: `${MOTHER.given} ${MOTHER.family}` }).waitFor({ state: 'visible' });

    // The child joins: found through the registry search, as a child of the head.
    const add = page.getByRole('region', { name: 'Add a member' });
    await add.getByRole('combobox', { name: 'Client' }).fill(CHILD.given);
    await page.getByRole('option', { name: new RegExp(`${CHILD.given} ${CHILD.family}`) }).first().click();
    await add.getByRole('combobox', { name: 'Relationship' }).selectOption('child');
    await add.getByLabel(/^Joined on/).fill('2024-01-15');
    await add.getByRole('button', { name: 'Add to household' }).click();
    await current.getByRole('link', { name: `${CHILD.given} ${CHILD.family}` }).waitFor({ state: 'visible' });
    await expect
      .poll(() => current.getByRole('combobox', { name: `Relationship of ${CHILD.given} ${CHILD.family} to the head` }).inputValue())
      .toBe('child');
    await expectNoSeriousA11yViolations(page, 'household page');
    await expectNoHorizontalScroll(page, 'the household page');
    await screenshot(page, 'client-registry-4-household-phone');

    // The household shows on the mother's record.
    await current.getByRole('link', { name: `${MOTHER.given} ${MOTHER.family}` }).click();
    await waitForHeading(page, `${MOTHER.given} ${MOTHER.family}`);
    await page.getByRole('region', { name: 'Households' }).getByRole('link', { name: `${MOTHER.family} family` }).waitFor({ state: 'visible' });

    // Editing the record: a phone for WhatsApp.
    await page.getByRole('button', { name: 'Edit' }).click();
    await waitForHeading(page, `Edit ${MOTHER.given} ${MOTHER.family}`);
    await page.getByRole('button', { name: 'Add a phone' }).click();
    await page.getByRole('textbox', { name: 'Phone number' }).fill('+1 555 010 2030');
    await page.getByRole('checkbox', { name: 'WhatsApp is OK' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForHeading(page, `${MOTHER.given} ${MOTHER.family}`);
    await page.getByText('+1 555 010 2030').waitFor({ state: 'visible' });

    // Two people edit at once: the second save is refused and offers a reload, never overwrites.
    const colleague = await newPage({ viewport: 'desktop' });
    await login(colleague, 'casemanager@demo.haven.test', PASSWORD);
    await colleague.goto(`/clients/${motherId}`);
    await colleague.getByRole('button', { name: 'Edit' }).click();
    await waitForHeading(colleague, `Edit ${MOTHER.given} ${MOTHER.family}`);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Preferred name' }).fill('Carmencita');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForHeading(page, `${MOTHER.given} ${MOTHER.family}`);
    await colleague.getByRole('textbox', { name: 'Middle name' }).fill('Rosa');
    await colleague.getByRole('button', { name: 'Save', exact: true }).click();
    await colleague.getByText('Someone else changed this client', { exact: true }).waitFor({ state: 'visible' });
    await colleague.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => colleague.getByRole('textbox', { name: 'Preferred name' }).inputValue()).toBe('Carmencita');
    expect(await colleague.getByRole('textbox', { name: 'Middle name' }).inputValue()).toBe('');
    await closePage(colleague);

    expect(uncaughtErrors(page)).toEqual([]);
    await closePage(page);
  });

  it('in Arabic, the household and the client form read right to left and pass axe', async () => {
    expect(householdPath, 'the household test creates the household').not.toBe('');
    const page = await newPage({ viewport: PHONE });
    onTestFailed(async () => {
      await screenshot(page, 'client-registry-arabic-failure').catch(() => undefined);
    });
    // The legal representative, so that a failure here leaves other journeys' users in English.
    await login(page, 'legal@demo.haven.test', PASSWORD);
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    try {
      await page.goto(householdPath);
      await waitForHeading(page, `${MOTHER.family} family`);
      await page.getByRole('heading', { name: 'يقيمون هنا الآن' }).waitFor({ state: 'visible' });
      await page.getByText('ابن أو ابنة').first().waitFor({ state: 'attached' });
      await expectNoSeriousA11yViolations(page, 'household page, Arabic');
      await expectNoHorizontalScroll(page, 'the household page in Arabic');
      await screenshot(page, 'client-registry-6-household-ar-phone');

      await page.goto('/clients/new');
      await waitForHeading(page, 'عميل جديد');
      await page.getByRole('button', { name: 'إضافة وضع' }).click();
      await page.getByRole('button', { name: 'تسجيل العميل' }).click();
      await page.getByText('أدخل الاسم الأول').first().waitFor({ state: 'visible' });
      await expectNoSeriousA11yViolations(page, 'new client form with errors, Arabic');
      await expectNoHorizontalScroll(page, 'the new client form in Arabic');
      await screenshot(page, 'client-registry-7-form-errors-ar-phone');
    } finally {
      await page.getByRole('banner').getByRole('combobox').filter({ has: page.locator('option[value="en"]') }).selectOption('en');
      await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    }
    expect(uncaughtErrors(page)).toEqual([]);
    await closePage(page);
  });

  it('a case manager opens a protected record only after giving a reason', async () => {
    const page = await newPage({ viewport: PHONE });
    onTestFailed(async () => {
      await screenshot(page, 'client-registry-protected-failure').catch(() => undefined);
    });
    await login(page, 'casemanager@demo.haven.test', PASSWORD);
    await page.goto('/clients?q=Noor');
    await page.getByRole('link', { name: 'Noor Saleh' }).click();
    await waitForHeading(page, 'Protected record');
    // Nothing of the record shows before the reason is given.
    expect(await page.getByRole('heading', { name: 'Noor Saleh' }).count()).toBe(0);
    const reason = page.getByRole('textbox', { name: 'Why are you opening this protected record?' });
    await page.getByRole('button', { name: 'Open record' }).click();
    await page.getByText('Write a reason of at least 3 characters').waitFor({ state: 'visible' });
    await reason.fill('Preparing for her appointment today');
    await expectNoSeriousA11yViolations(page, 'protected record reason prompt');
    await page.getByRole('button', { name: 'Open record' }).click();
    await waitForHeading(page, 'Noor Saleh');
    await page.getByRole('heading', { name: 'Immigration status history' }).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'protected client record');
    await screenshot(page, 'client-registry-5-protected-record-phone');

    expect(uncaughtErrors(page)).toEqual([]);
    await closePage(page);
  });
});
