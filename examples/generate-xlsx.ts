/**
 * Writes examples/data/agency-export.xlsx (`npm run examples:xlsx`): the Danish agency export of
 * examples/data/agency-export.csv as an Excel workbook, the way an analyst saves it from Excel. One
 * sheet, "Sager", with the same header and rows in the same row numbers as the CSV's lines; the dates
 * that are calendar dates are real date cells (`dd-mm-yyyy`, with the time where the export has one),
 * the others (such as `29-02-2023`) text, as Excel leaves a text it cannot read as a date. The same
 * CSV gives the same bytes.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { fixZipTimes } from '../src/document/render-xlsx.js';

const DANISH = /^(\d{2})-(\d{2})-(\d{4})(?: (\d{2}):(\d{2}))?$/;

/** A `dd-mm-yyyy[ hh:mm]` text as a date cell's value (its calendar date and time in UTC), or `null`. */
function dateOf(text: string): Date | null {
  const match = DANISH.exec(text);
  if (match === null) return null;
  const [, day, month, year, hours, minutes] = match.map(Number) as [number, number, number, number, number?, number?];
  const date = new Date(Date.UTC(year, month - 1, day, hours ?? 0, minutes ?? 0));
  // A text that is no calendar date (29-02-2023) stays text.
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date : null;
}

/** The workbook of a `;`-separated export whose dates are in the columns `dateColumns`. */
export async function workbookOfCsv(csv: string, dateColumns: readonly string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(2000, 0, 1));
  workbook.creator = 'servicemaal examples';
  workbook.created = fixed;
  workbook.modified = fixed;
  const sheet = workbook.addWorksheet('Sager');
  const [head = '', ...lines] = csv.replace(/\r?\n$/, '').split(/\r?\n/);
  const columns = head.split(';');
  sheet.addRow(columns).font = { bold: true };
  for (const line of lines) {
    const row = sheet.addRow([]);
    line.split(';').forEach((text, index) => {
      const cell = row.getCell(index + 1);
      const date = dateColumns.includes(columns[index] ?? '') ? dateOf(text) : null;
      if (date !== null) {
        cell.value = date;
        cell.numFmt = date.getUTCHours() === 0 && date.getUTCMinutes() === 0 ? 'dd-mm-yyyy' : 'dd-mm-yyyy hh:mm';
      } else if (text !== '') cell.value = text;
    });
  }
  columns.forEach((_column, index) => {
    sheet.getColumn(index + 1).width = 14;
  });
  return fixZipTimes(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** The workbook of examples/data/agency-export.csv. */
export function agencyWorkbook(): Promise<Uint8Array> {
  const csv = readFileSync(new URL('data/agency-export.csv', import.meta.url), 'utf8');
  return workbookOfCsv(csv, ['indgivet', 'afgjort']);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = fileURLToPath(new URL('data/agency-export.xlsx', import.meta.url));
  writeFileSync(`${path}.tmp`, await agencyWorkbook());
  renameSync(`${path}.tmp`, path);
  console.log(`wrote ${path}`);
}
