import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, ValidateBy } from 'class-validator';
import { parseReportPeriod } from '../../../../domain/reporting/report-period.value';
import { ReportPeriodInvalidError } from '../../../../domain/reporting/reporting.errors';
import { COMPARISON_FORMATS, REPORT_FORMATS, type ComparisonFormat, type ReportFormat } from '../../../reporting/funding-report.formats';
import { CodeField, DateField, IdField } from '../../request-fields.decorators';

const NOT_PERIOD = 'Bitte geben Sie den Zeitraum als Jahr (2025), Halbjahr (2025-H1) oder Quartal (2025-Q1) an.';
const FORMAT_LABELS = { json: 'JSON (für Programme)', csv: 'CSV für Excel/LibreOffice (UTF-8, Semikolon)', xlsx: 'Excel-Arbeitsmappe' };

const PERIOD = /^\d{4}(-(Q[1-4]|H[12]))?$/;

function PeriodParam(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, pattern: PERIOD.source, example: '2025-Q1', description: 'Berichtszeitraum: Jahr, Halbjahr oder Quartal' }),
    IsDefined({ message: NOT_PERIOD }),
    // The domain's own parse, so a year it does not cover (1999) is malformed input like "Q1-2025", not a 422.
    ValidateBy({ name: 'isReportPeriod', validator: { validate: isReportPeriod, defaultMessage: () => NOT_PERIOD } }),
  );
}

function isReportPeriod(value: unknown): boolean {
  try {
    parseReportPeriod(value);
    return true;
  } catch (error) {
    if (error instanceof ReportPeriodInvalidError) return false;
    throw error;
  }
}

export class FundingReportParams {
  @PeriodParam()
  period!: string;

  @IdField({ optional: true, description: 'Nur diese Organisationseinheit des eigenen Kreises; ohne Angabe der ganze Kreis' })
  organisationUnit?: string;

  @DateField({ optional: true, example: '2025-04-10', description: 'Datenstand: nur, was bis zum Ende dieses Tages erfasst war (Standard: heute)' })
  asRecordedOn?: string;

  @CodeField(REPORT_FORMATS, { optional: true, enumName: 'ReportFormat', labels: FORMAT_LABELS, description: 'Ausgabeformat (Standard: json)' })
  format?: ReportFormat;
}

export class FundingReportComparisonParams {
  @PeriodParam()
  period!: string;

  @IdField({ optional: true, description: 'Nur diese Organisationseinheit des eigenen Kreises; ohne Angabe der ganze Kreis' })
  organisationUnit?: string;

  @DateField({ example: '2025-04-10', description: 'Datenstand des früheren Berichts (z. B. der Tag, an dem er verschickt wurde)' })
  before!: string;

  @DateField({ optional: true, example: '2025-05-15', description: 'Datenstand des späteren Berichts (Standard: heute)' })
  after?: string;

  @CodeField(COMPARISON_FORMATS, { optional: true, enumName: 'ComparisonFormat', labels: FORMAT_LABELS, description: 'Ausgabeformat (Standard: json)' })
  format?: ComparisonFormat;
}
