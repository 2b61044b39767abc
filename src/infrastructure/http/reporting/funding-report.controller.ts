import { Controller, Get, Header, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CompareFundingReportsQuery } from '../../../application/reporting/compare-funding-reports.query';
import { GetFundingReportQuery } from '../../../application/reporting/get-funding-report.query';
import type { Principal } from '../../../application/identity/principal';
import { FUNDING_REPORT_READERS } from '../../../domain/reporting/report-access.policy';
import { CurrentPrincipal } from '../../identity/current-principal.decorator';
import { Roles } from '../../identity/roles.decorator';
import { renderFundingReport, renderFundingReportComparison, type RenderedReport } from '../../reporting/funding-report.formats';
import { FundingReportComparisonParams, FundingReportParams } from './dto/funding-report.params';

const FORMATS_PRODUCED = ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

@ApiTags('Berichte')
@Controller('api/reports/funding')
@Roles(...FUNDING_REPORT_READERS)
export class FundingReportController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Förderbericht',
    description:
      'Die Kennzahlen des Förderberichts für einen Zeitraum, für den eigenen Kreis oder eine seiner Organisationseinheiten, ' +
      'so wie sie bis zum Ende des Tages `asRecordedOn` erfasst waren: dieselbe Anfrage liefert dieselben Bytes. Nur Fallzahlen; ' +
      'Werte von 1 bis 4 als "<5", weitere Werte gesperrt ("x"), damit keiner zurückgerechnet werden kann. ' +
      'Berichtswesen, Koordinierungsstelle und Prüfung.',
  })
  @ApiProduces(...FORMATS_PRODUCED)
  @ApiOkResponse({ description: 'Der Bericht im gewünschten Format' })
  async report(@Query() params: FundingReportParams, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: ServerResponse) {
    const report = await this.queries.execute(new GetFundingReportQuery(principal, params.period, params.organisationUnit ?? null, params.asRecordedOn ?? null));
    return send(response, await renderFundingReport(report, params.format ?? 'json'), params.format ?? 'json');
  }

  @Get('comparison')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Förderberichte vergleichen',
    description:
      'Derselbe Bericht mit zwei Datenständen (z. B. wie verschickt und wie heute): jede geänderte Zahl, vorher und nachher, ' +
      'und die Nachträge und Korrekturen, die zwischen beiden Ständen erfasst wurden.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'Der Vergleich im gewünschten Format' })
  async comparison(@Query() params: FundingReportComparisonParams, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: ServerResponse) {
    const comparison = await this.queries.execute(
      new CompareFundingReportsQuery(principal, params.period, params.organisationUnit ?? null, params.before, params.after ?? null),
    );
    return send(response, renderFundingReportComparison(comparison, params.format ?? 'json'), params.format ?? 'json');
  }
}

/** JSON shows in the browser; CSV and XLSX download as a file named after the report. */
function send(response: ServerResponse, rendered: RenderedReport, format: string): StreamableFile {
  response.setHeader('Content-Type', rendered.contentType);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (format !== 'json') response.setHeader('Content-Disposition', `attachment; filename="${rendered.fileName}"`);
  return new StreamableFile(rendered.body, { type: rendered.contentType, length: rendered.body.length });
}
