import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { CompareFundingReportsQuery } from '../../../application/reporting/compare-funding-reports.query';
import { GetFundingReportQuery } from '../../../application/reporting/get-funding-report.query';
import { DomainRuleViolation } from '../../../domain/case/case.errors';
import type { FundingReportComparison } from '../../../domain/reporting/funding-report.comparison';
import type { FundingReport } from '../../../domain/reporting/funding-report.model';
import { FUNDING_REPORT_READERS } from '../../../domain/reporting/report-access.policy';
import type { CalendarDate } from '../../../domain/time/calendar-date.value';
import { germanCalendarDate } from '../../../domain/time/instant.value';
import { ReadModelNotReadyError } from '../../../projections/read/read-model.locator';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../http/api-error.mapping';
import { FundingReportComparisonParams, FundingReportParams } from '../../http/reporting/dto/funding-report.params';
import type { FieldProblem } from '../../http/request-validation';
import { Roles } from '../../identity/roles.decorator';
import { problemOf, VIOLATION_STATUS } from '../commands/command-submission';
import type { FieldSpec, FormValues } from '../forms/form.types';
import { bodyOf, formValuesOf, textOf } from '../forms/form-values';
import { validateWith } from '../forms/form-validation';
import { formView } from '../forms/form.view';
import { type Notice, pageModel } from '../rendering/page.model';
import { TemplateRenderer } from '../rendering/template.renderer';
import { WebExceptionFilter } from '../web-exception.filter';
import { csrfTokenOf, pathOf, principalOf, sendPage, type WebRequest, type WebResponse } from '../web-http';
import { DistrictUnitsReader } from './district-units.reader';
import { comparisonView } from './funding-report-comparison.view';
import { fundingReportView } from './funding-report.view';
import { comparisonDownloads, reportDownloads, reportPageHref } from './report-links';
import { comparedDates, comparisonFields, lastCompletedQuarter, periodChoices, reportFields } from './report-request.form';

const READ_MODEL_BUILDING: Notice = {
  kind: 'info',
  title: 'Die Zahlen für die Berichte werden gerade zusammengestellt.',
  lines: [
    'Das geschieht beim ersten Start und nach einer neuen Version der Software und dauert meist nur wenige Minuten.',
    'Bitte warten Sie einen Moment und laden Sie die Seite dann neu.',
  ],
};

type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; problems: FieldProblem[]; notice: Notice | null };

interface Shown<T> {
  values: FormValues;
  problems: readonly FieldProblem[];
  notice: Notice | null;
  result: T | null;
}

/**
 * The funding report as a page (issue 6): a form that asks the API's questions (period, unit, Datenstand),
 * the report's tables with a bar chart each, its files from the API, and the comparison of two Datenstände.
 * Reading a report reads no case (only counts leave the read model), so nothing is recorded as an access.
 */
@Controller('berichte')
@Roles(...FUNDING_REPORT_READERS)
@UseFilters(WebExceptionFilter)
export class FundingReportPagesController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DistrictUnitsReader) private readonly units: DistrictUnitsReader,
    @Inject(TemplateRenderer) private readonly renderer: TemplateRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async report(@Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const today = this.today();
    const values: FormValues = { period: lastCompletedQuarter(today), ...formValuesOf(request.query) };
    const fields = reportFields(periodChoices(today, textOf(values, 'period')), await this.units.ofDistrict(principal.districtId));
    const show = (status: number, shown: Shown<FundingReport>) => this.showReport(request, response, status, fields, shown);
    const validated = await validateWith(FundingReportParams, bodyOf([{ legend: '', fields }], values));
    if (!validated.ok) return show(400, { values, problems: validated.problems, notice: null, result: null });
    const { period, organisationUnit, asRecordedOn } = validated.value;
    const outcome = await outcomeOf(() => this.queries.execute(new GetFundingReportQuery(principal, period, organisationUnit ?? null, asRecordedOn ?? null)));
    if (!outcome.ok) return show(outcome.status, { values, problems: outcome.problems, notice: outcome.notice, result: null });
    show(200, { values, problems: [], notice: null, result: outcome.value });
  }

  @Get('vergleich')
  async comparison(@Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const today = this.today();
    const query = formValuesOf(request.query);
    const values: FormValues = { period: lastCompletedQuarter(today), ...query };
    const fields = comparisonFields(periodChoices(today, textOf(values, 'period')), await this.units.ofDistrict(principal.districtId));
    const show = (status: number, shown: Shown<FundingReportComparison>) => this.showComparison(request, response, status, fields, shown);
    // Opened without the form sent: nothing to compare yet, and nothing to complain about.
    if (!Object.hasOwn(query, 'before')) return show(200, { values, problems: [], notice: null, result: null });
    const validated = await validateWith(FundingReportComparisonParams, bodyOf([{ legend: '', fields }], values));
    if (!validated.ok) return show(400, { values, problems: validated.problems, notice: null, result: null });
    const { period, organisationUnit, before, after } = validated.value;
    const outcome = await outcomeOf(() => this.queries.execute(new CompareFundingReportsQuery(principal, period, organisationUnit ?? null, before, after ?? null)));
    if (!outcome.ok) return show(outcome.status, { values, problems: outcome.problems, notice: outcome.notice, result: null });
    show(200, { values, problems: [], notice: null, result: outcome.value });
  }

  private showReport(request: WebRequest, response: WebResponse, status: number, fields: FieldSpec[], shown: Shown<FundingReport>): void {
    const report = shown.result;
    const form = formView({ id: 'bericht', action: '/berichte', submitLabel: 'Bericht anzeigen', fieldsets: [{ legend: 'Welcher Bericht?', fields }], values: shown.values, problems: shown.problems });
    const content =
      report === null
        ? null
        : {
            ...fundingReportView(report),
            downloads: reportDownloads(report),
            comparisonForm: formView({
              id: 'vergleich',
              action: '/berichte/vergleich',
              submitLabel: 'Datenstände vergleichen',
              fieldsets: [{ legend: 'Mit einem anderen Datenstand vergleichen', hint: 'Was hat sich seit einem früheren Bericht geändert, und warum?', fields: comparedDates() }],
              values: { after: report.recorded.asRecordedOn },
              hidden: { period: report.period.code, organisationUnit: report.scope.organisationUnitId ?? '' },
            }),
          };
    this.send(request, response, status, shown.notice, 'report', 'Förderbericht', { form, report: content });
  }

  private showComparison(request: WebRequest, response: WebResponse, status: number, fields: FieldSpec[], shown: Shown<FundingReportComparison>): void {
    const comparison = shown.result;
    const form = formView({
      id: 'vergleich',
      action: '/berichte/vergleich',
      submitLabel: 'Datenstände vergleichen',
      fieldsets: [{ legend: 'Welche Datenstände?', fields }],
      values: shown.values,
      problems: shown.problems,
    });
    const content =
      comparison === null
        ? null
        : {
            ...comparisonView(comparison),
            downloads: comparisonDownloads(comparison),
            laterReportHref: reportPageHref(comparison, comparison.after.asRecordedOn),
          };
    this.send(request, response, status, shown.notice, 'report-comparison', 'Förderberichte vergleichen', { form, comparison: content });
  }

  private send(request: WebRequest, response: WebResponse, status: number, notice: Notice | null, view: string, title: string, content: object): void {
    const page = pageModel({ title, principal: principalOf(request), csrfToken: csrfTokenOf(request), path: pathOf(request), notice });
    if (notice === READ_MODEL_BUILDING) response.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    sendPage(response, status, this.renderer.render(view, page, content));
  }

  private today(): CalendarDate {
    return germanCalendarDate(this.clock.now().getTime());
  }
}

/**
 * The report's own refusals (a unit not in the district, a day in the future, dates in the wrong order) go
 * to the field they name; a read model still building is a notice to wait, not an error page.
 */
async function outcomeOf<T>(ask: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await ask() };
  } catch (error) {
    if (error instanceof ReadModelNotReadyError) return { ok: false, status: 503, problems: [], notice: READ_MODEL_BUILDING };
    if (error instanceof DomainRuleViolation && error.kind !== 'forbidden') return { ok: false, status: VIOLATION_STATUS[error.kind], problems: [problemOf(error)], notice: null };
    throw error;
  }
}
