import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { IMPORT_CONTENT_TYPES, type ImportMapping, type ImportResponse } from '@haven/domain';
import type { Session } from '../support/app.js';

/** Uploads raw file bytes, as the web app's file input does (the body is the file itself). */
export function uploadFile(
  session: Session,
  body: string | Buffer,
  options: { filename?: string; contentType?: string } = {},
): Promise<LightMyRequestResponse> {
  const filename = options.filename ?? 'clients.csv';
  return session.request('POST', `/api/client-imports?filename=${encodeURIComponent(filename)}`, body, {
    'content-type': options.contentType ?? IMPORT_CONTENT_TYPES.csv,
  });
}

export async function upload(session: Session, body: string | Buffer, options: { filename?: string; contentType?: string } = {}): Promise<ImportResponse> {
  const response = await uploadFile(session, body, options);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ImportResponse>();
}

export async function dryRun(session: Session, id: string): Promise<ImportResponse> {
  const response = await session.request('POST', `/api/client-imports/${id}/dry-run`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ImportResponse>();
}

export function runImport(session: Session, id: string): Promise<LightMyRequestResponse> {
  return session.request('POST', `/api/client-imports/${id}/run`);
}

export async function remap(session: Session, current: ImportResponse, mapping: ImportMapping, dateFormat?: ImportResponse['dateFormat']): Promise<ImportResponse> {
  const response = await session.patch(`/api/client-imports/${current.id}`, { mapping, version: current.version, ...(dateFormat ? { dateFormat } : {}) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ImportResponse>();
}

/** CSV text from rows of cells (quoting what needs it). */
export function csv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')).join('\n')}\n`;
}

/** An XLSX workbook built the way a spreadsheet program saves one: real dates in date cells. */
export async function xlsx(rows: readonly (readonly (string | Date | number)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Clients');
  for (const row of rows) {
    sheet.addRow([...row]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readXlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}
