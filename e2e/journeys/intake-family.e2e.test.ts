/**
 * Journey: the intake of a refugee family of four, on a phone, in Spanish. Tomás (intake
 * specialist, profile language Spanish) starts an intake, registers the father, mother and two
 * children — refugees admitted three weeks ago — groups them in a household, records their needs
 * and chooses comprehensive case management with a reason, picks Reception & Placement (refugees
 * within 90 days), sees all four eligible with the rule's citation, completes the intake and sees
 * the four enrollments. Axe checks every step; screenshots of the eligibility step and the result.
 *
 * A second journey: someone the rules do not find eligible (a pending asylum case) needs an
 * exception; Tomás asks for one with a reason, the supervisor approves it, and the intake completes.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { closeBrowser, closePage, expectNoSeriousA11yViolations, login, newPage, screenshot, uncaughtErrors } from '../support/browser';

const PASSWORD = 'demo-password-123';
const PHONE = { width: 390, height: 844 };

/** A calendar date `days` before today (UTC), as the date inputs take it. */
function daysAgo(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** Admitted as refugees three weeks ago: well inside the 90-day Reception & Placement period. */
const ADMITTED_ON = daysAgo(21);
const FAMILY = 'Quispe Mamani';
const PEOPLE = [
  { given: 'Jorge', sex: 'male', dateOfBirth: '1986-11-02' },
  { given: 'Rosa', sex: 'female', dateOfBirth: '1989-03-14' },
  { given: 'Ana', sex: 'female', dateOfBirth: '2014-06-20' },
  { given: 'Luis', sex: 'male', dateOfBirth: '2018-09-05' },
] as const;

async function waitForHeading(page: Page, name: string | RegExp, level = 1): Promise<void> {
  await page.getByRole('heading', { level, name }).waitFor({ state: 'visible' });
}

/** The page must not scroll sideways on a phone. */
async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
}

/**
 * Registers a person from the intake's people step with the client form (in Spanish). A similar
 * record (a demo client, an earlier run) brings the duplicate warning: this is another person.
 */
async function registerPerson(
  page: Page,
  person: { given: string; family: string; sex: string; dateOfBirth: string; status: string; since: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Registrar a una persona nueva' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Registrar a una persona' }).waitFor({ state: 'visible' });
  await dialog.getByRole('textbox', { name: 'Nombre', exact: true }).fill(person.given);
  await dialog.getByRole('textbox', { name: 'Apellido', exact: true }).fill(person.family);
  await dialog.getByLabel('Fecha de nacimiento', { exact: true }).fill(person.dateOfBirth);
  await dialog.getByRole('combobox', { name: 'Sexo' }).selectOption(person.sex);
  await dialog.getByRole('button', { name: 'Agregar una situación' }).click();
  await dialog.getByRole('combobox', { name: 'Situación migratoria' }).selectOption(person.status);
  await dialog.getByLabel(/^Desde/).fill(person.since);
  await dialog.getByRole('button', { name: 'Registrar cliente' }).click();

  const listed = page.getByRole('region', { name: /^Personas en esta admisión/ }).getByRole('link', { name: `${person.given} ${person.family}` });
  const duplicate = dialog.getByRole('button', { name: 'Es otra persona: registrarla de todos modos' });
  await Promise.race([listed.waitFor({ state: 'visible' }), duplicate.waitFor({ state: 'visible' })]);
  if (await duplicate.isVisible()) {
    await duplicate.click();
  }
  await listed.waitFor({ state: 'visible' });
  await dialog.waitFor({ state: 'detached' });
}

function eligibilityPanel(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

describe('intake on a phone, in Spanish', () => {
  afterAll(async () => {
    await closeBrowser();
  });

  it('Tomás takes in a refugee family of four and enrolls them in Reception & Placement', async () => {
    const page = await newPage({ viewport: PHONE });
    onTestFailed(async () => {
      await screenshot(page, 'intake-family-failure').catch(() => undefined);
    });
    await login(page, 'intake@demo.haven.test', PASSWORD);

    // The intakes page, from the navigation drawer.
    await page.getByRole('button', { name: 'Abrir la navegación' }).click();
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Admisiones' }).click();
    await waitForHeading(page, 'Admisiones');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.getByRole('button', { name: 'Iniciar admisión' }).click();
    await waitForHeading(page, 'Admisión');
    await waitForHeading(page, 'Paso 1 de 4: Personas', 2);
    const intakePath = new URL(page.url()).pathname;
    expect(intakePath).toMatch(/^\/intakes\/[0-9a-f-]{36}$/);
    await expectNoSeriousA11yViolations(page, 'intake, people step (empty)');

    // Step 1: the family, registered one by one; the father first, as the primary applicant.
    for (const person of PEOPLE) {
      await registerPerson(page, { ...person, family: FAMILY, status: 'refugee', since: ADMITTED_ON });
    }
    const peopleList = page.getByRole('region', { name: /^Personas en esta admisión/ });
    await peopleList.getByRole('heading', { name: 'Personas en esta admisión (4)' }).waitFor({ state: 'visible' });
    await peopleList.getByText('Solicitante principal').waitFor({ state: 'visible' });

    // One household: the father as head, the mother his spouse, the children theirs.
    const household = page.getByRole('region', { name: 'Hogar' });
    await expect.poll(() => household.getByRole('combobox', { name: `Parentesco de Rosa ${FAMILY} con el jefe o jefa de hogar` }).inputValue()).toBe('spouse');
    await expect.poll(() => household.getByRole('combobox', { name: `Parentesco de Ana ${FAMILY} con el jefe o jefa de hogar` }).inputValue()).toBe('child');
    await household.getByRole('textbox', { name: 'Nombre del hogar' }).fill(`Familia ${FAMILY}`);
    await household.getByRole('button', { name: 'Crear hogar' }).click();
    await household.getByRole('link', { name: `Familia ${FAMILY}` }).waitFor({ state: 'visible' });
    await household.getByText('Viven aquí ahora: 4').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'intake, people step');
    await expectNoHorizontalScroll(page, 'the people step');
    await screenshot(page, 'intake-family-1-people-es-phone');

    // Leaving a step saves it; resuming lands on the saved step (checked below, after a reload).
    await page.getByRole('button', { name: 'Siguiente: Necesidades' }).click();
    await waitForHeading(page, 'Paso 2 de 4: Necesidades', 2);

    // A step cannot be left without the tier's reason.
    await page.getByRole('button', { name: 'Siguiente: Programa' }).click();
    await page.getByText('Escriba el motivo').waitFor({ state: 'visible' });

    // Step 2: needs, the suggested tier and why, the chosen tier and the written reason.
    await page.getByRole('checkbox', { name: 'Sin familia ni comunidad de apoyo cerca' }).check();
    await page.getByRole('checkbox', { name: 'Vivienda inestable o inexistente' }).check();
    await page.getByText('Haven sugiere: Gestión integral de casos').waitFor({ state: 'visible' });
    await page.getByText('Se sugiere porque se suman varias necesidades (2 marcadas).').waitFor({ state: 'visible' });
    await page.getByRole('radio', { name: /^Gestión integral de casos/ }).check();
    await page
      .getByRole('textbox', { name: '¿Por qué este nivel?' })
      .fill('Familia recién llegada sin red de apoyo; necesitan vivienda estable y acompañamiento escolar para los niños.');
    await expectNoSeriousA11yViolations(page, 'intake, needs step');
    await expectNoHorizontalScroll(page, 'the needs step');

    // Resume: the saved step and answers come back after a reload.
    await page.getByRole('button', { name: 'Siguiente: Programa' }).click();
    await waitForHeading(page, 'Paso 3 de 4: Programa', 2);
    await page.reload();
    await waitForHeading(page, 'Paso 3 de 4: Programa', 2);

    // Step 3: Reception & Placement; each person's eligibility with the reason and its source.
    await page.getByRole('radio', { name: 'Reception & Placement' }).check();
    await page.getByText('4 de 4 se pueden inscribir (elegibles o con una excepción aprobada).').waitFor({ state: 'visible' });
    for (const person of PEOPLE) {
      const panel = eligibilityPanel(page, `${person.given} ${FAMILY}`);
      await panel.getByText('Elegible', { exact: true }).first().waitFor({ state: 'visible' });
      await panel.getByText(/^Refugiado admitido el .*: la elegibilidad de ORR empieza en la fecha de admisión\.$/).waitFor({ state: 'visible' });
      await panel.getByText(/^Dentro del período de Recepción y Ubicación: va del .* \(90 días\)\.$/).waitFor({ state: 'visible' });
      await panel.getByText('U.S. Department of State (PRM) Reception and Placement cooperative agreement: core services in the first 90 days').waitFor({ state: 'visible' });
      await panel.getByText('INA 207, 412 (8 USC 1157, 1522); 45 CFR 400.43; ORR PL 16-01').waitFor({ state: 'visible' });
      await panel.getByText(/^Último día: /).waitFor({ state: 'visible' });
    }
    await expectNoSeriousA11yViolations(page, 'intake, program and eligibility step');
    await expectNoHorizontalScroll(page, 'the eligibility step');
    await screenshot(page, 'intake-family-2-eligibility-es-phone');

    // Step 4: review and complete.
    await page.getByRole('button', { name: 'Siguiente: Revisión' }).click();
    await waitForHeading(page, 'Paso 4 de 4: Revisión', 2);
    const summary = page.getByRole('region', { name: 'Resumen' });
    await summary.getByText(`Familia ${FAMILY}`).waitFor({ state: 'visible' });
    await summary.getByText('Gestión integral de casos').waitFor({ state: 'visible' });
    await summary.getByText('Reception & Placement').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'intake, review step');
    await page.getByRole('button', { name: 'Completar admisión' }).click();

    // The result: four enrollments, one per person.
    await waitForHeading(page, 'Admisión completada');
    const table = page.getByRole('table', { name: 'Inscripciones realizadas en esta admisión' });
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Reception & Placement' }).count()).toBe(4);
    for (const person of PEOPLE) {
      const row = table.getByRole('row').filter({ hasText: `${person.given} ${FAMILY}` });
      await row.getByText('Gestión integral de casos').waitFor({ state: 'visible' });
      await row.getByText('Activa').waitFor({ state: 'visible' });
    }
    await page.getByText('Inscripciones realizadas: 4.').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'intake result');
    await expectNoHorizontalScroll(page, 'the intake result');
    await screenshot(page, 'intake-family-3-enrollments-es-phone');

    // The father's record lists the enrollment.
    await table.getByRole('link', { name: `Jorge ${FAMILY}` }).click();
    await waitForHeading(page, `Jorge ${FAMILY}`);
    const enrollments = page.getByRole('region', { name: 'Inscripciones' });
    await enrollments.getByText('Reception & Placement').waitFor({ state: 'visible' });
    await enrollments.getByText('Gestión integral de casos').waitFor({ state: 'visible' });

    // And the intake is listed as completed.
    await page.goto('/intakes');
    await page
      .getByRole('region', { name: 'Completadas recientemente' })
      .getByRole('link', { name: PEOPLE.map((p) => `${p.given} ${FAMILY}`).join(', ') })
      .first()
      .waitFor({ state: 'visible' });

    expect(uncaughtErrors(page)).toEqual([]);
    await closePage(page);
  });

  it('an exception: Tomás asks for one with a reason, the supervisor approves it, the enrollment follows', async () => {
    const page = await newPage({ viewport: PHONE });
    onTestFailed(async () => {
      await screenshot(page, 'intake-exception-failure').catch(() => undefined);
    });
    await login(page, 'intake@demo.haven.test', PASSWORD);
    await page.goto('/intakes');
    await waitForHeading(page, 'Admisiones');
    await page.getByRole('button', { name: 'Iniciar admisión' }).click();
    await waitForHeading(page, 'Paso 1 de 4: Personas', 2);
    const name = 'Marisol Ortega Vidal';
    await registerPerson(page, { given: 'Marisol', family: 'Ortega Vidal', sex: 'female', dateOfBirth: '1993-01-09', status: 'asylum_seeker_affirmative', since: daysAgo(200) });
    await page.getByRole('button', { name: 'Siguiente: Necesidades' }).click();
    await page.getByRole('checkbox', { name: 'La persona pide apoyo intensivo' }).check();
    await page.getByRole('radio', { name: /^Gestión integral de casos/ }).check();
    await page.getByRole('textbox', { name: '¿Por qué este nivel?' }).fill('Ella pide acompañamiento intensivo.');
    await page.getByRole('button', { name: 'Siguiente: Programa' }).click();
    await page.getByRole('radio', { name: 'Reception & Placement' }).check();

    // Not eligible, with the reason in Spanish; the exception request needs a written reason.
    const panel = eligibilityPanel(page, name);
    await panel.getByText('No elegible', { exact: true }).first().waitFor({ state: 'visible' });
    await panel.getByText('Una solicitud de asilo pendiente no da elegibilidad de ORR; la elegibilidad empieza solo si se otorga el asilo.').waitFor({ state: 'visible' });
    await panel.getByRole('button', { name: `Solicitar una excepción para ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Solicitar una excepción' });
    await dialog.getByRole('textbox', { name: 'Motivo' }).fill('Su esposo llegó como refugiado; el caso familiar se atiende junto.');
    await expectNoSeriousA11yViolations(page, 'exception request dialog');
    await dialog.getByRole('button', { name: 'Enviar solicitud' }).click();
    await panel.getByText('Excepción solicitada: esperando a un supervisor.').waitFor({ state: 'visible' });

    // Completing now is refused, and the refusal is shown next to Marisol.
    await page.getByRole('button', { name: 'Siguiente: Revisión' }).click();
    await page.getByRole('button', { name: 'Completar admisión' }).click();
    await page.getByText(/^No es elegible para este programa y no hay una excepción aprobada/).waitFor({ state: 'visible' });
    const intakePath = new URL(page.url()).pathname;

    // The supervisor approves it with a note.
    const supervisor = await newPage({ viewport: 'desktop' });
    await login(supervisor, 'supervisor@demo.haven.test', PASSWORD);
    // The navigation offers the page; it is opened by address so no hovered link sits under axe.
    await supervisor.getByRole('navigation').getByRole('link', { name: 'Exceptions' }).waitFor({ state: 'visible' });
    await supervisor.goto('/exceptions');
    await waitForHeading(supervisor, 'Eligibility exceptions');
    const request = supervisor.getByRole('listitem').filter({ hasText: name });
    await request.getByText('Requested by Tomás Herrera', { exact: false }).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(supervisor, 'exceptions page');
    await request.getByRole('button', { name: `Approve the exception for ${name}` }).click();
    const decide = supervisor.getByRole('dialog', { name: `Approve the exception for ${name}` });
    await decide.getByRole('textbox', { name: 'Note' }).fill('Family case: approved under the organization policy.');
    await decide.getByRole('button', { name: 'Approve' }).click();
    await supervisor.getByText('No requests are waiting for a decision.').waitFor({ state: 'visible' });
    await screenshot(supervisor, 'intake-exception-approved-desktop');
    await closePage(supervisor);

    // Back in the intake, the approval shows and the intake completes.
    await page.goto(intakePath);
    await waitForHeading(page, 'Paso 4 de 4: Revisión', 2);
    await page.getByText('Excepción aprobada').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Completar admisión' }).click();
    await waitForHeading(page, 'Admisión completada');
    await page.getByRole('table', { name: 'Inscripciones realizadas en esta admisión' }).getByRole('row').filter({ hasText: name }).waitFor({ state: 'visible' });

    expect(uncaughtErrors(page)).toEqual([]);
    await closePage(page);
  });
});
