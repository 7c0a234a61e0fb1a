/**
 * Journey: an attorney opens an asylum matter from a client's arrival date. Grace (legal@), the
 * demo organization's supervising attorney, finds her matters under "Legal matters", opens Abdi
 * Warsame's client page, opens an affirmative asylum matter with the arrival date on his record,
 * and sees the one-year filing deadline with its citation (INA 208(a)(2)(B)) and how it was
 * computed. She records the I-589 in the Filings tab and sees the deadline met, with the history
 * saying what moved and why. Axe checks the list and the matter page; screenshots at each step.
 *
 * The demo data is fresh on each run (global-setup): Abdi arrived about seven months before it
 * was seeded, so his one-year deadline is always ahead.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { closeBrowser, expectNoSeriousA11yViolations, login, newPage, screenshot } from '../support/browser';

const PASSWORD = 'demo-password-123';
const CLIENT = 'Abdi Warsame';
const ONE_YEAR = 'ASYLUM_ONE_YEAR_FILING';

async function snapshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `legal-matter-${name}`);
}

async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name, exact: true }).click();
  const panel = page.getByRole('tabpanel', { name, exact: true });
  await panel.waitFor({ state: 'visible' });
  return panel;
}

/** The card of one computed deadline on the Deadlines tab. */
function deadlineCard(panel: Locator, ruleId: string): Locator {
  return panel.locator(`li[data-rule="${ruleId}"]`);
}

describe('legal matter', () => {
  afterAll(async () => {
    await closeBrowser();
  });

  it('an attorney opens an asylum matter from the client’s arrival, sees the one-year deadline with its citation, records the I-589 and sees it met', async () => {
    const grace = await newPage({ viewport: 'desktop' });
    onTestFailed(async () => {
      await screenshot(grace, 'legal-matter-failure').catch(() => undefined);
    });
    await login(grace, 'legal@demo.haven.test', PASSWORD);

    // Her matters, from the main navigation: Selam Tesfay's asylum matter, its deadline ahead.
    await grace.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Legal matters', exact: true }).click();
    await grace.getByRole('heading', { level: 1, name: 'Legal matters' }).waitFor({ state: 'visible' });
    const selam = grace.getByRole('row').filter({ has: grace.getByRole('link', { name: 'Selam Tesfay' }) });
    await selam.getByText('Affirmative asylum').waitFor({ state: 'visible' });
    await selam.getByText(/Asylum one-year filing deadline/).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(grace, 'matters list');
    await snapshot(grace, '1-my-matters');

    // Abdi's client page, through the registry search.
    await grace.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Clients', exact: true }).click();
    await grace.getByRole('searchbox', { name: 'Search clients' }).fill(CLIENT);
    // Wait for the search's own answer (the list first shows every client) before following the link.
    const found = grace.getByRole('row').filter({ hasText: 'Matched on the name' }).getByRole('link', { name: CLIENT });
    await found.waitFor({ state: 'visible' });
    await found.click();
    await grace.getByRole('heading', { level: 1, name: CLIENT }).waitFor({ state: 'visible' });
    const card = grace.getByRole('region', { name: 'Legal matters' });
    await card.getByText('No legal matters for this client.').waitFor({ state: 'visible' });

    // Opening the matter: affirmative asylum in the legal program, Grace representing, the arrival from the record.
    await card.getByRole('button', { name: 'Open a legal matter' }).click();
    const dialog = grace.getByRole('dialog', { name: 'Open a legal matter' });
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.getByRole('combobox', { name: 'Matter type' }).inputValue()).toBe('Affirmative asylum');
    await dialog.getByRole('combobox', { name: 'Program' }).click();
    await grace.getByRole('option', { name: 'Immigration Legal Services' }).click();
    // Grace may represent, so she is chosen once the list of representatives has arrived.
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Representative' }).inputValue()).toContain('Grace Mwangi');
    const arrival = await dialog.getByLabel('Last arrival in the US').inputValue();
    expect(arrival).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await snapshot(grace, '2-open-matter');
    await dialog.getByRole('button', { name: 'Open matter' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The matter page opens on its deadlines: the one-year deadline, its citation and formula.
    await grace.getByRole('heading', { level: 1, name: new RegExp(`^M-\\d{4}-\\d{4} · ${CLIENT}$`) }).waitFor({ state: 'visible' });
    let deadlines = grace.getByRole('tabpanel', { name: 'Deadlines', exact: true });
    let oneYear = deadlineCard(deadlines, ONE_YEAR);
    await oneYear.getByRole('heading', { name: 'Asylum one-year filing deadline' }).waitFor({ state: 'visible' });
    await oneYear.getByText('INA 208(a)(2)(B)', { exact: false }).waitFor({ state: 'visible' });
    await oneYear.getByText(`lastArrivalDate ${arrival}`, { exact: false }).waitFor({ state: 'visible' });
    await oneYear.getByText('Open', { exact: true }).waitFor({ state: 'visible' });
    await oneYear.getByText(/^Days left: \d+$/).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(grace, 'matter deadlines');
    await snapshot(grace, '3-one-year-deadline');

    // The I-589, filed today with USCIS.
    const filings = await openTab(grace, 'Filings');
    await filings.getByRole('button', { name: 'Record a filing' }).click();
    const filingDialog = grace.getByRole('dialog', { name: 'Record a filing' });
    await filingDialog.waitFor({ state: 'visible' });
    expect(await filingDialog.getByRole('combobox', { name: 'Form' }).inputValue()).toBe('I-589');
    await filingDialog.getByRole('button', { name: 'Save', exact: true }).click();
    await filingDialog.waitFor({ state: 'detached' });
    await filings.getByText('I-589', { exact: true }).first().waitFor({ state: 'visible' });

    // Back on the deadlines: met by the filing, and the history says why.
    deadlines = await openTab(grace, 'Deadlines');
    oneYear = deadlineCard(deadlines, ONE_YEAR);
    await oneYear.getByText('Met', { exact: true }).waitFor({ state: 'visible' });
    await oneYear.getByText('Met by a recorded filing').waitFor({ state: 'visible' });
    const history = deadlines.getByRole('region', { name: 'What moved and why' });
    await history.getByText('Asylum one-year filing deadline: met').first().waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(grace, 'deadline met');
    await snapshot(grace, '4-deadline-met');

    // The overview shows where the receipt date came from.
    const overview = await openTab(grace, 'Overview');
    await overview.getByText('From the I-589 filing').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(grace, 'matter overview');

    // On her phone, the same matters as cards, and the matter's deadlines.
    const phone = await newPage({ viewport: 'phone' });
    await login(phone, 'legal@demo.haven.test', PASSWORD);
    await phone.goto('/matters');
    await phone.getByRole('heading', { level: 1, name: 'Legal matters' }).waitFor({ state: 'visible' });
    const abdi = phone.getByRole('listitem').filter({ has: phone.getByRole('link', { name: CLIENT }) });
    await abdi.getByText('Affirmative asylum').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(phone, 'matters on a phone');
    await abdi.getByRole('link', { name: CLIENT }).click();
    const onPhone = await openTab(phone, 'Deadlines');
    await deadlineCard(onPhone, ONE_YEAR).getByText('Met', { exact: true }).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(phone, 'matter deadlines on a phone');
    await snapshot(phone, '5-phone');
  });
});
