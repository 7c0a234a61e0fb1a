/**
 * Journey: the intake specialist imports a spreadsheet of clients kept before Haven. A US file
 * writes dates month first: the check refuses them until he says so, then passes, and the import
 * saves every row. Axe checks the mapping and the report on a phone.
 */
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { closeBrowser, closePage, expectNoSeriousA11yViolations, login, newPage, screenshot } from '../support/browser';

const PASSWORD = 'demo-password-123';
const RUN = Math.random().toString(36).slice(2, 7);
const FAMILY = `Importado${RUN}`;

describe('importing clients from a spreadsheet', () => {
  afterAll(async () => {
    await closeBrowser();
  });

  it('in Spanish, on a phone, a CSV with US dates is checked, told its date format, and imported', async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    onTestFailed(async () => {
      await screenshot(page, 'client-import-failure').catch(() => undefined);
    });
    await login(page, 'intake@demo.haven.test', PASSWORD);
    await page.goto('/clients/import');
    await page.getByRole('heading', { level: 1, name: 'Importar clientes' }).waitFor({ state: 'visible' });
    const csv = ['Nombre,Apellido,Fecha de nacimiento', `Rosa,${FAMILY},04/12/1991`, `Luis,${FAMILY},11/30/1988`].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'clientes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Subir archivo' }).click();

    // The header names were recognized; the dates are not read until the format is chosen.
    await page.getByRole('button', { name: 'Guardar asignación y revisar' }).click();
    await page.getByRole('table', { name: 'Problemas encontrados, fila por fila' }).waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'import report, Spanish');
    await page.getByLabel(/Las fechas del archivo están escritas/).first().click();
    await page.getByRole('option', { name: /Mes primero/ }).click();
    await page.getByRole('button', { name: 'Guardar asignación y revisar' }).click();
    await page.getByRole('button', { name: 'Importar 2 clientes' }).click();
    await page.getByText('Se importaron 2 clientes.').waitFor({ state: 'visible' });
    await expectNoSeriousA11yViolations(page, 'import done, Spanish');
    await screenshot(page, 'client-import-done-es-phone');

    await page.goto(`/clients?q=${FAMILY}`);
    await page.getByText(`Rosa ${FAMILY}`).first().waitFor({ state: 'visible' });
    expect(await page.getByText(`Luis ${FAMILY}`).count()).toBeGreaterThan(0);
    await closePage(page);
  });
});
