/**
 * Journey: a supervisor merges a duplicate record. Two records of one person are registered (the
 * second "anyway", past the duplicate warning); on the first, the possible duplicates list the
 * second, and the supervisor merges it in with a reason. The duplicate's identifiers and name
 * then belong to the record, and the duplicate is gone. Axe checks the merge dialog.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { closeBrowser, closePage, expectNoSeriousA11yViolations, login, newPage, screenshot } from '../support/browser';

const PASSWORD = 'demo-password-123';
const RUN = Math.random().toString(36).slice(2, 7);
const FIRST = { given: 'Halima', family: `Warsame${RUN}`, dateOfBirth: '1984-05-09' };
const SECOND = { given: 'Halima', family: `Warsamme${RUN}`, dateOfBirth: '1984-05-09' };

async function register(page: Page, person: { given: string; family: string; dateOfBirth: string }): Promise<string> {
  await page.goto('/clients/new');
  await page.getByRole('heading', { level: 1, name: 'New client' }).waitFor({ state: 'visible' });
  await page.getByRole('textbox', { name: 'Given name', exact: true }).fill(person.given);
  await page.getByRole('textbox', { name: 'Family name', exact: true }).fill(person.family);
  await page.getByLabel('Date of birth', { exact: true }).fill(person.dateOfBirth);
  await page.getByRole('button', { name: 'Register client' }).click();
  const heading = page.getByRole('heading', { level: 1, name: `${person.given} ${person.family}` });
  const dialog = page.getByRole('dialog');
  await Promise.race([heading.waitFor({ state: 'visible' }), dialog.waitFor({ state: 'visible' })]);
  if (await dialog.isVisible()) {
    await dialog.getByRole('button', { name: 'This is a different person — register anyway' }).click();
  }
  await heading.waitFor({ state: 'visible' });
  const id = /\/clients\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1];
  if (!id) {
    throw new Error(`not on a client record: ${page.url()}`);
  }
  return id;
}

describe('merging duplicate records', () => {
  afterAll(async () => {
    await closeBrowser();
  });

  it('the supervisor merges a second registration into the first, with a reason', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 900 } });
    onTestFailed(async () => {
      await screenshot(page, 'client-merge-failure').catch(() => undefined);
    });
    await login(page, 'supervisor@demo.haven.test', PASSWORD);
    const first = await register(page, FIRST);
    const second = await register(page, SECOND);
    expect(second).not.toBe(first);

    await page.goto(`/clients/${first}`);
    const duplicates = page.getByRole('region', { name: 'Possible duplicates' });
    const candidate = duplicates.getByRole('listitem').filter({ hasText: `${SECOND.given} ${SECOND.family}` });
    await candidate.waitFor({ state: 'visible' });
    await candidate.getByRole('button', { name: `Merge ${SECOND.given} ${SECOND.family} into this record` }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge duplicate records' });
    await dialog.waitFor({ state: 'visible' });
    // No reason, no merge.
    await dialog.getByRole('button', { name: 'Merge records' }).click();
    await dialog.getByText('Write the reason').waitFor({ state: 'visible' });
    await dialog.getByRole('textbox', { name: /Why are these the same person/ }).fill('Same person registered twice, family name misspelled');
    await expectNoSeriousA11yViolations(page, 'merge dialog');
    await screenshot(page, 'client-merge-dialog');
    await dialog.getByRole('button', { name: 'Merge records' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The duplicate's name lives on as an alias; the duplicate itself is gone.
    await page.getByText(`${SECOND.given} ${SECOND.family}`, { exact: true }).first().waitFor({ state: 'visible' });
    await page.goto(`/clients/${second}`);
    await page.getByText('This client does not exist, or you do not have access to the record.').waitFor({ state: 'visible' });
    await closePage(page);
  });
});
