/**
 * Journey: a case from assessment to closure. Karim, a case manager at his desk, opens Amal
 * Haddad's Reception & Placement case from his caseload, records an assessment scoring every
 * domain, moves the case to planning and writes a plan with one SMART goal and a step, which he
 * submits. Sofia, his supervisor, approves it from her phone. Karim moves the case to
 * intervention, writes and signs three notes (a home visit with an interpreter, a phone call, a
 * message that was not a meaningful contact), corrects one with an addendum, records a service,
 * moves the case to monitoring and asks to close it. Sofia approves the closure on her phone, and
 * Karim finds the case closed and read-only. Axe checks every screen; screenshots at each step.
 *
 * The demo data is fresh on each run (global-setup); the journey closes Amal's case, so against a
 * server where it already ran (HAVEN_E2E_BASE_URL) it cannot start again.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { closeBrowser, closePage, expectNoSeriousA11yViolations, login, newPage, screenshot, uncaughtErrors } from '../support/browser';

const PASSWORD = 'demo-password-123';
const CLIENT = 'Amal Haddad';
const CASE_MANAGER = 'Karim Mansour';

/** A calendar date `days` from today (UTC; negative for the past), as the date inputs take it. */
function daysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/*
 * Contacts are dated in the past, each on its own day: a note is named by its date, and the
 * organization's "today" may be behind UTC's.
 */
const ASSESSED_ON = daysFromToday(-6);
const HOME_VISIT_ON = daysFromToday(-4);
const PHONE_CALL_ON = daysFromToday(-3);
const MESSAGE_ON = daysFromToday(-2);
const SERVICE_ON = daysFromToday(-2);
const CLOSED_ON = daysFromToday(-1);

const GOAL = 'Amal signs a lease for a two-bedroom apartment she can afford';
const HOME_VISIT = 'Home visit with Amal and her children. We went through the lease options and the budget for the first months.';
const PHONE_CALL = 'Phone call: Amal confirmed the viewing of the apartment on Maple Street for Thursday.';
const MESSAGE = 'Text message sent to remind Amal of the viewing time.';
const ADDENDUM = 'Correction: the viewing is on Friday, not Thursday.';

/**
 * A full-page screenshot from the top, without the confirmations still on screen (they would
 * cover the list they confirm).
 */
async function snapshot(page: Page, name: string): Promise<void> {
  const toasts = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Close' }) });
  for (const toast of await toasts.all()) {
    // It may close by itself meanwhile.
    await toast.getByRole('button', { name: 'Close' }).click({ timeout: 1_000 }).catch(() => undefined);
  }
  await expect.poll(() => toasts.count(), { timeout: 5_000 }).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `case-lifecycle-${name}`);
}

async function waitForHeading(page: Page, name: string | RegExp, level = 1): Promise<void> {
  await page.getByRole('heading', { level, name }).waitFor({ state: 'visible' });
}

/** The case page's stage panel: the stepper marks the current stage for everyone (aria-current). */
function stagePanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Stage' });
}

async function expectStage(page: Page, stage: string): Promise<void> {
  await expect.poll(() => stagePanel(page).locator('[aria-current="step"]').innerText()).toContain(stage);
}

/** Moves the case one stage forward with the stage panel's button and waits for the confirmation. */
async function moveTo(page: Page, stage: string): Promise<void> {
  await stagePanel(page).getByRole('button', { name: `Move to ${stage}` }).click();
  await page.getByText(`The case is now at ${stage}.`).first().waitFor({ state: 'visible' });
  await expectStage(page, stage);
}

async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name, exact: true }).click();
  const panel = page.getByRole('tabpanel', { name, exact: true });
  await panel.waitFor({ state: 'visible' });
  return panel;
}

/** Writes a note in the note dialog and signs it at once. */
async function writeSignedNote(
  page: Page,
  note: { on: string; type: string; meaningful: boolean; interpreter?: { language: string; name: string }; minutes: number; goal?: string; narrative: string },
): Promise<void> {
  await page.getByRole('button', { name: 'New note' }).click();
  const dialog = page.getByRole('dialog', { name: 'New note' });
  await dialog.getByLabel('Date of contact').fill(note.on);
  await dialog.getByRole('combobox', { name: 'Type of contact' }).selectOption({ label: note.type });
  const meaningful = dialog.getByRole('switch', { name: 'Meaningful interaction' });
  if ((await meaningful.isChecked()) !== note.meaningful) {
    await meaningful.click();
  }
  expect(await meaningful.isChecked()).toBe(note.meaningful);
  if (note.interpreter) {
    await dialog.getByRole('textbox', { name: 'Interpreter language' }).fill(note.interpreter.language);
    await dialog.getByRole('textbox', { name: 'Interpreter', exact: true }).fill(note.interpreter.name);
  }
  await dialog.getByRole('spinbutton', { name: 'Duration (minutes)' }).fill(String(note.minutes));
  if (note.goal) {
    await dialog.getByLabel('Linked goals').click();
    await page.getByRole('option', { name: note.goal }).click();
    await page.keyboard.press('Escape');
  }
  await dialog.getByRole('textbox', { name: 'What happened' }).fill(note.narrative);
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('case lifecycle', () => {
  afterAll(async () => {
    await closeBrowser();
  });

  it('a case manager takes a client from assessment through a plan, three notes, a service and closure with supervisor approval', async () => {
    const karim = await newPage({ viewport: 'desktop' });
    const sofia = await newPage({ viewport: 'phone' });
    onTestFailed(async () => {
      await screenshot(karim, 'case-lifecycle-failure-karim').catch(() => undefined);
      await screenshot(sofia, 'case-lifecycle-failure-sofia').catch(() => undefined);
    });
    await login(karim, 'casemanager@demo.haven.test', PASSWORD);
    await login(sofia, 'supervisor@demo.haven.test', PASSWORD);

    // Karim's caseload, from the main navigation: Amal's case is at assessment.
    await karim.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Cases', exact: true }).click();
    await waitForHeading(karim, 'Caseload');
    const row = karim.getByRole('row').filter({ has: karim.getByRole('link', { name: CLIENT }) });
    await row.getByText('Reception & Placement').waitFor({ state: 'visible' });
    await row.getByText('Assessment', { exact: true }).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(karim, 'caseload');
    await snapshot(karim, '1-caseload');

    await row.getByRole('link', { name: CLIENT }).click();
    await waitForHeading(karim, new RegExp(` · ${CLIENT}$`));
    const title = await karim.getByRole('heading', { level: 1 }).innerText();
    const reference = title.split(' · ')[0]!.trim();
    expect(reference).toMatch(/^C-\d{4}-\d+$/);
    await expectStage(karim, 'Assessment');
    // The guard says why the case cannot move on yet.
    expect(await stagePanel(karim).getByRole('button', { name: 'Move to Planning' }).isDisabled()).toBe(true);
    await stagePanel(karim).getByText('Record an assessment before planning.').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(karim, 'case page, overview');

    // Assessments: every domain of the default instrument scored, with strengths and barriers.
    const assessments = await openTab(karim, 'Assessments');
    await assessments.getByRole('button', { name: 'New assessment' }).click();
    const form = assessments.getByRole('form', { name: 'New assessment' });
    await form.getByLabel('Date of the assessment').fill(ASSESSED_ON);
    const domains = form.getByRole('radiogroup');
    const domainCount = await domains.count();
    expect(domainCount).toBe(12);
    const scores = ['2 · Vulnerable', '3 · Stable', '4 · Safe'];
    for (let i = 0; i < domainCount; i += 1) {
      await domains.nth(i).getByRole('radio', { name: scores[i % scores.length] }).check();
    }
    await form.getByRole('textbox', { name: 'Strengths · Housing' }).fill('Stays with relatives; keeps every appointment');
    await form.getByRole('textbox', { name: 'Barriers · Housing' }).fill('No rental history in the country; the lease is shared');
    await form.getByRole('textbox', { name: 'Summary' }).fill('Housing is the first priority; employment after the children start school.');
    await expectNoSeriousA11yViolations(karim, 'new assessment form');
    await snapshot(karim, '2-assessment-form');
    await form.getByRole('button', { name: 'Save assessment' }).click();
    await form.waitFor({ state: 'detached' });
    await assessments.getByRole('article', { name: /^Assessed on / }).waitFor({ state: 'visible' });
    await assessments.getByText('Average 3.0').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(karim, 'case page, assessments tab');

    await moveTo(karim, 'Planning');

    // The plan: one SMART goal with a step, submitted for the supervisor's approval.
    const plan = await openTab(karim, 'Plan');
    await plan.getByRole('button', { name: 'Start a plan' }).click();
    await plan.getByRole('button', { name: 'Add goal' }).click();
    const goal = plan.getByRole('group', { name: 'Goal 1' });
    await goal.getByRole('textbox', { name: 'What' }).fill(GOAL);
    await goal.getByRole('textbox', { name: 'How progress is measured' }).fill('Signed lease on file');
    await goal.getByRole('textbox', { name: 'Target' }).fill('Lease signed, rent at most 40% of the household income');
    await goal.getByLabel(/^Due/).fill(daysFromToday(60));
    await goal.getByRole('combobox', { name: 'Domain' }).selectOption({ label: 'Housing' });
    await goal.getByRole('textbox', { name: 'Barrier it addresses' }).fill('No rental history');
    await goal.getByRole('button', { name: 'Add step' }).click();
    const step = goal.getByRole('group', { name: 'Step 1 of goal 1' });
    await step.getByRole('textbox', { name: 'What' }).fill('Visit three apartments with the housing specialist');
    await step.getByRole('combobox', { name: 'Who' }).selectOption({ label: 'Case manager' });
    await step.getByLabel(/^Due/).fill(daysFromToday(30));
    await expectNoSeriousA11yViolations(karim, 'case page, plan editor');
    await snapshot(karim, '3-plan-editor');
    await plan.getByRole('button', { name: 'Submit for approval' }).click();
    await plan.getByText('Waiting for approval', { exact: true }).waitFor({ state: 'visible' });
    await plan.getByText(`Goal 1: ${GOAL}`).waitFor({ state: 'visible' });
    // The plan is not in force yet: intervention waits for the approval.
    expect(await stagePanel(karim).getByRole('button', { name: 'Move to Intervention' }).isDisabled()).toBe(true);

    // Sofia, on her phone: the plan waits for her on the supervision page.
    await sofia.getByRole('button', { name: 'Open navigation' }).click();
    await sofia.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Supervision' }).click();
    await waitForHeading(sofia, 'Supervision');
    // Pending approvals list what waits, and since when (the case is also among the overdue contacts).
    const approvals = sofia
      .getByRole('listitem')
      .filter({ hasText: 'Waiting since' })
      .filter({ has: sofia.getByRole('link', { name: `Open case ${reference}` }) });
    await approvals.first().waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(sofia, 'supervision dashboard, phone');
    await snapshot(sofia, '4-supervision-phone');
    await approvals.first().getByRole('link', { name: `Open case ${reference}` }).click();
    await waitForHeading(sofia, `${reference} · ${CLIENT}`);
    const sofiasPlan = await openTab(sofia, 'Plan');
    await sofiasPlan.getByText(`Goal 1: ${GOAL}`).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(sofia, 'plan approval, phone');
    await snapshot(sofia, '5-plan-approval-phone');
    await sofiasPlan.getByRole('button', { name: 'Approve', exact: true }).click();
    await sofiasPlan.getByText('In force', { exact: true }).waitFor({ state: 'visible' });

    // Karim comes back to the case: the plan is in force and the case moves to intervention.
    await karim.reload();
    await waitForHeading(karim, `${reference} · ${CLIENT}`);
    const approvedPlan = await openTab(karim, 'Plan');
    await approvedPlan.getByText('In force', { exact: true }).waitFor({ state: 'visible' });
    await moveTo(karim, 'Intervention');

    // Three signed notes: a home visit with an interpreter, a phone call, a message that was not meaningful.
    const notes = await openTab(karim, 'Notes');
    await notes.getByRole('button', { name: 'New note' }).click();
    const noteDialog = karim.getByRole('dialog', { name: 'New note' });
    await noteDialog.getByRole('textbox', { name: 'What happened' }).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(karim, 'new note dialog');
    await noteDialog.getByRole('button', { name: 'Cancel' }).click();
    await noteDialog.waitFor({ state: 'detached' });
    await writeSignedNote(karim, {
      on: HOME_VISIT_ON,
      type: 'Home visit',
      meaningful: true,
      interpreter: { language: 'Arabic', name: 'Nadia Farouk' },
      minutes: 75,
      goal: GOAL,
      narrative: HOME_VISIT,
    });
    await writeSignedNote(karim, { on: PHONE_CALL_ON, type: 'Phone', meaningful: true, minutes: 10, narrative: PHONE_CALL });
    await writeSignedNote(karim, { on: MESSAGE_ON, type: 'Message', meaningful: false, minutes: 2, narrative: MESSAGE });

    const noteItems = notes.getByRole('listitem').filter({ hasText: `Signed by ${CASE_MANAGER}` });
    await expect.poll(() => noteItems.count()).toBe(3);
    const homeVisit = noteItems.filter({ hasText: HOME_VISIT });
    await homeVisit.getByText('Home visit', { exact: true }).waitFor({ state: 'visible' });
    await homeVisit.getByText('Interpreted in Arabic by Nadia Farouk').waitFor({ state: 'visible' });
    await homeVisit.getByText(`Linked goals: ${GOAL}`).waitFor({ state: 'visible' });
    await homeVisit.getByText('Meaningful', { exact: true }).waitFor({ state: 'visible' });
    const message = noteItems.filter({ hasText: MESSAGE });
    expect(await message.getByText('Meaningful', { exact: true }).count()).toBe(0);
    // Signed notes cannot be edited: a correction is an addendum shown with the note.
    expect(await notes.getByRole('button', { name: /^Edit the draft note/ }).count()).toBe(0);
    const phoneCall = noteItems.filter({ hasText: PHONE_CALL });
    await phoneCall.getByRole('button', { name: /^Add an addendum to the note of / }).click();
    await phoneCall.getByRole('textbox', { name: 'Addendum' }).fill(ADDENDUM);
    await phoneCall.getByRole('button', { name: 'Save addendum' }).click();
    await phoneCall.getByText(ADDENDUM).waitFor({ state: 'visible' });
    await phoneCall.getByText('Addenda').waitFor({ state: 'visible' });
    await phoneCall.getByText(PHONE_CALL).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(karim, 'case page, notes tab');
    await snapshot(karim, '6-notes');

    // A service: two hours of housing search.
    const services = await openTab(karim, 'Services');
    await services.getByRole('button', { name: 'Record a service' }).click();
    const serviceDialog = karim.getByRole('dialog', { name: 'Record a service' });
    await serviceDialog.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'Housing search' });
    await serviceDialog.getByLabel(/^Date\b/).fill(SERVICE_ON);
    await serviceDialog.getByRole('spinbutton', { name: 'Units' }).fill('2');
    await serviceDialog.getByRole('combobox', { name: 'Unit', exact: true }).selectOption({ label: 'Hours' });
    await serviceDialog.getByRole('textbox', { name: 'Funding source' }).fill('Reception & Placement per capita');
    await serviceDialog.getByRole('textbox', { name: 'Provider' }).fill('Haven housing team');
    await expectNoSeriousA11yViolations(karim, 'record a service dialog');
    await serviceDialog.getByRole('button', { name: 'Save', exact: true }).click();
    await serviceDialog.waitFor({ state: 'detached' });
    const service = services.getByRole('listitem').filter({ hasText: 'Housing search' });
    await service.getByText('2 × Hours').waitFor({ state: 'visible' });
    await service.getByText(`Recorded by ${CASE_MANAGER}`).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(karim, 'case page, services tab');
    await snapshot(karim, '7-services');

    await moveTo(karim, 'Monitoring');

    // Closure: a reason, every item of the checklist and a summary; the program wants approval.
    await karim.getByRole('button', { name: 'Close the case' }).click();
    const closure = karim.getByRole('dialog', { name: `Close case ${reference}` });
    await closure.getByRole('combobox', { name: 'Reason for closing' }).click();
    await karim.getByRole('option', { name: 'Goals met', exact: true }).click();
    const checklist = closure.getByRole('group', { name: 'Closing checklist' }).getByRole('checkbox');
    expect(await checklist.count()).toBe(5);
    for (const item of await checklist.all()) {
      await item.check();
    }
    await closure
      .getByRole('textbox', { name: 'Closing summary' })
      .fill('Amal signed a lease and pays the rent from her wages; the children are in school. She knows how to reach us again.');
    await closure.getByLabel('Closing date').fill(CLOSED_ON);
    await expectNoSeriousA11yViolations(karim, 'closure dialog');
    await snapshot(karim, '8-closure-dialog');
    await closure.getByRole('button', { name: 'Close the case' }).click();
    await closure.waitFor({ state: 'detached' });
    await karim.getByText('Closure waiting for a supervisor’s approval').waitFor({ state: 'visible' });
    await karim.getByText('A supervisor will approve the closure or return it.').waitFor({ state: 'visible' });
    expect(await karim.getByRole('button', { name: 'Close the case' }).count()).toBe(0);

    // Sofia approves the closure on her phone.
    await sofia.reload();
    await waitForHeading(sofia, `${reference} · ${CLIENT}`);
    const pending = sofia.getByRole('alert').filter({ hasText: 'Closure waiting for a supervisor’s approval' });
    await pending.getByText('Goals met').waitFor({ state: 'visible' });
    await pending.getByText(`Requested by ${CASE_MANAGER}`, { exact: false }).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(sofia, 'closure approval, phone');
    await snapshot(sofia, '9-closure-approval-phone');
    await pending.getByRole('button', { name: 'Approve the closure' }).click();
    const decision = sofia.getByRole('dialog', { name: `Approve the closure of ${reference}` });
    await decision.getByRole('textbox', { name: 'Note' }).fill('A well documented file. Well done.');
    await expectNoSeriousA11yViolations(sofia, 'closure approval dialog, phone');
    await decision.getByRole('button', { name: 'Approve the closure' }).click();
    await decision.waitFor({ state: 'detached' });
    await sofia.getByText('The closure is approved; the case is closed.').first().waitFor({ state: 'visible' });

    // Karim sees the case closed and read-only: nothing can be added any more.
    await karim.reload();
    await waitForHeading(karim, `${reference} · ${CLIENT}`);
    await karim.getByText('This case is closed and read-only. A supervisor can reopen it.').waitFor({ state: 'visible' });
    await karim.getByText(`Decided by Sofia Lindqvist`, { exact: false }).waitFor({ state: 'visible' });
    expect(await karim.getByRole('button', { name: /^Move to / }).count()).toBe(0);
    expect(await karim.getByRole('button', { name: 'Close the case' }).count()).toBe(0);
    const closedNotes = await openTab(karim, 'Notes');
    await expect.poll(() => closedNotes.getByRole('listitem').filter({ hasText: `Signed by ${CASE_MANAGER}` }).count()).toBe(3);
    expect(await closedNotes.getByRole('button', { name: 'New note' }).count()).toBe(0);
    expect(await closedNotes.getByRole('button', { name: /^Add an addendum/ }).count()).toBe(0);
    await expectNoSeriousA11yViolations(karim, 'closed case, notes tab');
    await snapshot(karim, '10-closed');

    // And it has left his caseload of cases being worked.
    await karim.getByRole('link', { name: 'Back to the caseload' }).click();
    await waitForHeading(karim, 'Caseload');
    await karim.getByRole('combobox', { name: 'Status' }).click();
    await karim.getByRole('option', { name: 'Closed', exact: true }).click();
    const closedRow = karim.getByRole('row').filter({ has: karim.getByRole('link', { name: CLIENT }) });
    await closedRow.getByText('Closed', { exact: true }).waitFor({ state: 'visible' });

    expect(uncaughtErrors(karim)).toEqual([]);
    expect(uncaughtErrors(sofia)).toEqual([]);
    await closePage(karim);
    await closePage(sofia);
  });
});
