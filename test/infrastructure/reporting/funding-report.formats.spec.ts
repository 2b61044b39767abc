import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FundingReport, PublishedValue } from '../../../src/domain/reporting/funding-report.model';
import { renderFundingReport } from '../../../src/infrastructure/reporting/funding-report.formats';
import { reportOf, reportRequest } from '../../domain/reporting/funding-report.fixtures';
import { AS_RECORDED_A, DISTRICT, fundingDistrictLog, fundingDistrictScripts } from '../../support/funding-district.fixture';
import { RANDOM_DISTRICT, randomCaseLog } from '../../support/random-case-log';

/** Every table of a report as title -> rows of [label, ...values], the shape both read-backs produce. */
function tablesOf(report: FundingReport): Map<string, Array<[string, ...PublishedValue[]]>> {
  return new Map(
    report.groups.flatMap((group) =>
      group.tables.map((table) => [
        table.title,
        [...table.rows, ...(table.totalRow ? [table.totalRow] : [])].map((row) => [row.label, ...row.cells] as [string, ...PublishedValue[]]),
      ]),
    ),
  );
}

const reports: Array<[string, () => FundingReport]> = [
  ['the hand-built district', () => reportOf(fundingDistrictLog(), reportRequest(DISTRICT, '2025-Q1', AS_RECORDED_A))],
  ['a larger random district', () => reportOf(randomCaseLog(4242, 120), reportRequest(RANDOM_DISTRICT, '2025', '2025-12-31'))],
];

describe.each(reports)('output formats of %s', (_name, build) => {
  const report = build();

  it('JSON: the same request gives the same bytes, keys in a fixed order, and reads back as the report', async () => {
    const [first, second] = [await renderFundingReport(report, 'json'), await renderFundingReport(build(), 'json')];
    expect(first.body.equals(second.body)).toBe(true);
    expect(first.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(first.body.toString('utf8'))).toEqual(report);
    expect(Object.keys(JSON.parse(first.body.toString('utf8')))).toEqual(['report', 'definitionVersion', 'title', 'period', 'scope', 'recorded', 'confidentiality', 'groups', 'suppressed']);
  });

  it('CSV: UTF-8 with BOM, semicolons, CRLF, German headers and decimal commas; parsed back it gives the same numbers', async () => {
    const rendered = await renderFundingReport(report, 'csv');
    expect(rendered.body.equals((await renderFundingReport(build(), 'csv')).body)).toBe(true);
    expect([...rendered.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = rendered.body.toString('utf8');
    expect(text.split('\r\n').length).toBeGreaterThan(100);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toContain('\r\nGeschlecht;Personen\r\n');

    const records: string[][] = parse(rendered.body, { delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: false });
    const blocks: string[][][] = [[]];
    for (const record of records) {
      if (record.length === 1 && record[0] === '') blocks.push([]);
      else blocks[blocks.length - 1].push(record);
    }
    expect(blocks[0][1]).toEqual(['Zeitraum', report.period.label, `${germanDay(report.period.from)} bis ${germanDay(report.period.to)}`]);
    const read = new Map<string, Array<[string, ...PublishedValue[]]>>();
    for (const block of blocks.slice(1, -1)) {
      const title = block[0][0].replace(/^[^:]+: /, '');
      const rows = block.slice(2).filter((record) => !record[0].startsWith('Hinweis: '));
      read.set(title, rows.map(([label, ...values]) => [label, ...values.map(parseGermanNumber)] as [string, ...PublishedValue[]]));
    }
    expect(read).toEqual(tablesOf(report));
    expect(blocks[blocks.length - 1].slice(2)).toHaveLength(report.suppressed.length);
  });

  it('XLSX: one sheet per indicator group, read back with exceljs gives the same numbers, as numbers', async () => {
    const rendered = await renderFundingReport(report, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(rendered.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Bericht', ...report.groups.map((group) => group.title), 'Gesperrte Werte']);
    expect(workbook.created.toISOString()).toBe(report.recorded.recordedBefore);

    const read = new Map<string, Array<[string, ...PublishedValue[]]>>();
    for (const group of report.groups) {
      const sheet = workbook.getWorksheet(group.title) as ExcelJS.Worksheet;
      const rows: unknown[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
      for (const table of group.tables) {
        const start = rows.findIndex((row) => row[0] === table.title);
        const body = rows.slice(start + 2, start + 2 + table.rows.length + (table.totalRow ? 1 : 0));
        read.set(table.title, body.map(([label, ...values]) => [label as string, ...values.map((value) => (value === undefined || value === '' ? null : (value as PublishedValue)))] as [string, ...PublishedValue[]]));
      }
    }
    expect(read).toEqual(padded(tablesOf(report)));
  });

  it('XLSX: the same request gives the same bytes; every zip entry carries the cut-off day, not the time of writing', async () => {
    const first = await renderFundingReport(report, 'xlsx');
    expect(first.body.equals((await renderFundingReport(build(), 'xlsx')).body)).toBe(true);
    const day = new Date(report.recorded.recordedBefore);
    const dosDate = ((day.getUTCFullYear() - 1980) << 9) | ((day.getUTCMonth() + 1) << 5) | day.getUTCDate();
    const stamps = zipEntryStamps(first.body);
    expect(stamps.length).toBeGreaterThan(10);
    expect(new Set(stamps.map((stamp) => `${stamp.time}/${stamp.date}`))).toEqual(new Set([`0/${dosDate}`]));
  });
});

describe('no output format carries a name, an id or free text', () => {
  const report = reportOf(fundingDistrictLog(), reportRequest(DISTRICT, '2025-Q1', AS_RECORDED_A));
  const ids = fundingDistrictScripts().flatMap((script) => [script.spec.caseId, script.spec.clientId, script.spec.caseManagerId]);

  it.each(['json', 'csv'] as const)('%s', async (format) => {
    const text = (await renderFundingReport(report, format)).body.toString('utf8');
    expect(text).not.toMatch(/PII/);
    for (const id of ids) expect(text).not.toMatch(new RegExp(`\\b${id}\\b`));
  });

  it('xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderFundingReport(report, 'xlsx')).body as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => texts.push(JSON.stringify(row.values))));
    const text = texts.join('\n');
    expect(text).not.toMatch(/PII/);
    for (const id of ids) expect(text).not.toMatch(new RegExp(`\\b${id}\\b`));
  });

  it('file names are ASCII and name period, scope and day, not a person', async () => {
    expect((await renderFundingReport({ ...report, scope: { ...report.scope, organisationUnitName: 'Diakonie im Kreis Heinsberg' } }, 'xlsx')).fileName).toBe(
      'foerderbericht_2025-Q1_diakonie-im-kreis-heinsberg_stand-2025-04-10.xlsx',
    );
  });
});

/** Time and date of every entry, from the local headers and the central directory alike. */
function zipEntryStamps(zip: Buffer): Array<{ time: number; date: number }> {
  const stamps: Array<{ time: number; date: number }> = [];
  for (let offset = 0; offset < zip.length - 4; offset++) {
    const signature = zip.readUInt32LE(offset);
    if (signature === 0x04034b50) stamps.push({ time: zip.readUInt16LE(offset + 10), date: zip.readUInt16LE(offset + 12) });
    if (signature === 0x02014b50) stamps.push({ time: zip.readUInt16LE(offset + 12), date: zip.readUInt16LE(offset + 14) });
  }
  return stamps;
}

/** How anyone reading our CSV back turns a German number (or a suppression symbol) into a value. */
function parseGermanNumber(text: string): PublishedValue {
  if (text === '') return null;
  if (text === '<5' || text === 'x') return text;
  if (!/^\d+(,\d)?$/.test(text)) throw new RangeError(`Not a German number: ${JSON.stringify(text)}`);
  return Number(text.replace(',', '.'));
}

function germanDay(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** exceljs leaves trailing empty cells out of a row; a report row has a value (or null) in each column. */
function padded(tables: Map<string, Array<[string, ...PublishedValue[]]>>) {
  return new Map([...tables].map(([title, rows]) => [title, rows.map((row) => trimTrailingNulls(row))]));
}

function trimTrailingNulls<T>(row: T[]): T[] {
  let end = row.length;
  while (end > 1 && row[end - 1] === null) end--;
  return row.slice(0, end);
}
