import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ImportFormat } from '@haven/domain';

/**
 * Reading and writing the two spreadsheet formats people use: CSV (as Excel, LibreOffice and
 * Google Sheets save it, in UTF-8 or Windows-1252, with commas or semicolons) and XLSX. No
 * database here; the import service decides what the cells mean.
 */

/** A file that cannot be read as a spreadsheet; the message is for the person who uploaded it. */
export class SpreadsheetError extends Error {}

export interface SheetRow {
  /** The row number the spreadsheet program shows (the header is row 1). */
  row: number;
  cells: Record<string, string>;
}

export interface Sheet {
  columns: string[];
  rows: SheetRow[];
}

/** Header cells → unique column names: blanks become "Column 3", repeats "Phone (2)". */
function uniqueColumns(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((raw, index) => {
    const base = raw.trim() || `Column ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

/** UTF-8 when the bytes are UTF-8; otherwise Windows-1252, which Excel uses for "CSV" on Windows. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Spanish and German Excel save "CSV" with semicolons: count the candidates on the header line. */
function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const firstLine = end === -1 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function toSheet(table: string[][], maxRows: number): Sheet {
  const [header, ...body] = table;
  if (!header || header.every((cell) => !cell.trim())) {
    throw new SpreadsheetError('The first row must name the columns');
  }
  const columns = uniqueColumns(header);
  const rows: SheetRow[] = [];
  body.forEach((cellsInRow, index) => {
    if (cellsInRow.every((cell) => !cell.trim())) {
      return;
    }
    const cells: Record<string, string> = {};
    columns.forEach((column, c) => {
      cells[column] = cellsInRow[c] ?? '';
    });
    rows.push({ row: index + 2, cells });
  });
  if (rows.length > maxRows) {
    throw new SpreadsheetError(`The file has ${rows.length} rows; import at most ${maxRows} at a time`);
  }
  return { columns, rows };
}

function readCsv(bytes: Buffer, maxRows: number): Sheet {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  let table: string[][];
  try {
    table = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new SpreadsheetError(line ? `The CSV cannot be read near line ${line}` : 'The file cannot be read as CSV');
  }
  return toSheet(table, maxRows);
}

/** A date cell is a calendar date: Excel stores it as midnight UTC of that day. */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    return isoDate(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  if (typeof value !== 'object') {
    return String(value);
  }
  if ('richText' in value) {
    return value.richText.map((part) => part.text).join('');
  }
  if ('result' in value) {
    return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  }
  if ('text' in value) {
    return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  }
  // Error values (#N/A, #REF!) are empty cells to an import.
  return '';
}

async function readXlsx(bytes: Buffer, maxRows: number): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new SpreadsheetError('The file cannot be read as an XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw new SpreadsheetError('The workbook has no worksheet');
  }
  if (sheet.actualRowCount > maxRows + 1) {
    throw new SpreadsheetError(`The file has ${sheet.actualRowCount - 1} rows; import at most ${maxRows} at a time`);
  }
  const width = sheet.getRow(1).cellCount;
  const table: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) {
      cells.push(cellText(row.getCell(c).value));
    }
    table.push(cells);
  }
  return toSheet(table, maxRows);
}

export async function readSpreadsheet(format: ImportFormat, bytes: Buffer, maxRows: number): Promise<Sheet> {
  return format === 'csv' ? readCsv(bytes, maxRows) : readXlsx(bytes, maxRows);
}

/** XLSX files are ZIP archives: they start with "PK\x03\x04". */
export function looksLikeXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * A spreadsheet must not execute a cell: formula-looking values are prefixed with a quote. A phone
 * number written "+1 555 010 2030" is left alone: digits and punctuation alone call no function.
 */
function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) && !/^\+[\d\s().-]+$/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV with a byte-order mark, so Excel reads Arabic and accented names as UTF-8. */
export function writeCsv(columns: readonly string[], rows: readonly string[][]): string {
  const lines = [columns.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX through exceljs's streaming writer: rows are committed as they go, not held as objects. */
export async function writeXlsx(sheetName: string, columns: readonly string[], rows: readonly string[][]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow([...columns]);
  header.font = { bold: true };
  header.commit();
  for (const row of rows) {
    // Every cell is text: an A-number or a phone number must not turn into a number.
    sheet.addRow(row).commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
