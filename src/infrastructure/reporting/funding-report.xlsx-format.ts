import ExcelJS from 'exceljs';
import type { FundingReport, ReportRow, ReportTable, ValueFormat } from '../../domain/reporting/funding-report.model';
import { germanDate } from '../../domain/reporting/report-period.value';
import { SUPPRESSED_HEADER, suppressedCellLines } from './suppressed-cells.labels';
import { normaliseZipTimestamps } from './zip-timestamps.normaliser';

/**
 * XLSX through exceljs: a sheet "Bericht" with what the report covers, one sheet per indicator group, and
 * "Gesperrte Werte". Numbers are numeric cells (they can be summed), "<5" and "x" text. The workbook's
 * creation time is the report's cut-off and every zip entry is stamped with the same day, so the same report
 * gives the same bytes.
 */
const NUMBER_FORMATS: Record<ValueFormat, string> = { count: '0', hours: '0.0', percent: '0.0', average: '0.0' };
const CREATOR = 'KIM Fallakte';

export async function fundingReportXlsx(report: FundingReport): Promise<Buffer> {
  const stamp = new Date(report.recorded.recordedBefore);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = CREATOR;
  workbook.lastModifiedBy = CREATOR;
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.title = report.title;

  const cover = workbook.addWorksheet('Bericht');
  cover.columns = [{ width: 24 }, { width: 100 }];
  cover.addRow([report.title]).font = { bold: true, size: 14 };
  cover.addRow(['Zeitraum', `${report.period.label} (${germanDate(report.period.from)} bis ${germanDate(report.period.to)})`]);
  cover.addRow(['Kreis', report.scope.districtName]);
  cover.addRow(['Organisationseinheit', report.scope.organisationUnitName ?? 'gesamter Kreis']);
  cover.addRow(['Datenstand', report.recorded.description]);
  cover.addRow(['Definitionsstand', report.definitionVersion]);
  cover.addRow(['Geheimhaltung', report.confidentiality]).getCell(2).alignment = { wrapText: true, vertical: 'top' };

  for (const group of report.groups) {
    const sheet = workbook.addWorksheet(group.title);
    sheet.getColumn(1).width = 60;
    for (let column = 2; column <= 9; column++) sheet.getColumn(column).width = 16;
    for (const table of group.tables) addTable(sheet, table);
  }

  const suppressed = workbook.addWorksheet('Gesperrte Werte');
  suppressed.columns = [{ width: 50 }, { width: 40 }, { width: 24 }, { width: 28 }, { width: 90 }];
  suppressed.addRow(SUPPRESSED_HEADER).font = { bold: true };
  for (const line of suppressedCellLines(report)) suppressed.addRow(line);

  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  return normaliseZipTimestamps(written, { year: stamp.getUTCFullYear(), month: stamp.getUTCMonth() + 1, day: stamp.getUTCDate() });
}

function addTable(sheet: ExcelJS.Worksheet, table: ReportTable): void {
  sheet.addRow([table.title]).font = { bold: true, size: 12 };
  sheet.addRow([table.rowHeader, ...table.columns.map((column) => column.label)]).font = { bold: true };
  for (const row of table.rows) addValues(sheet, row, false);
  if (table.totalRow !== null) addValues(sheet, table.totalRow, true);
  if (table.note !== null) sheet.addRow([table.note]).font = { italic: true };
  sheet.addRow([]);
}

function addValues(sheet: ExcelJS.Worksheet, row: ReportRow, total: boolean): void {
  const added = sheet.addRow([row.label, ...row.cells.map((value) => value ?? '')]);
  row.cells.forEach((value, index) => {
    const cell = added.getCell(index + 2);
    if (typeof value === 'number') cell.numFmt = NUMBER_FORMATS[row.format];
    else cell.alignment = { horizontal: 'right' };
  });
  if (total) added.font = { bold: true };
}
