import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { germanCalendarDate } from '../../../domain/time/instant.value';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { caseIdPipe } from '../../http/cases/path-id.pipe';
import { CASE_CHANGING_ROLES } from '../../http/cases/case-roles';
import { Roles } from '../../identity/roles.decorator';
import { StaffDirectory } from '../../identity/staff-directory.repository';
import { type Notice, pageModel } from '../rendering/page.model';
import { TemplateRenderer } from '../rendering/template.renderer';
import { WebExceptionFilter } from '../web-exception.filter';
import { csrfTokenOf, pathOf, principalOf, queryText, sendPage, type WebRequest, type WebResponse } from '../web-http';
import { CASE_ACTIONS } from './case-actions.catalog';
import { caseFileView } from './case-file.view';
import { CaseReadingGateway } from './case-reading.gateway';
import { recordedRevisions } from './recorded-revisions';

/** The case file (Fallakte) of the people who work on the case: everything recorded, and what can be added. */
@Controller('faelle')
@Roles(...CASE_CHANGING_ROLES)
@UseFilters(WebExceptionFilter)
export class CaseFileController {
  constructor(
    @Inject(CaseReadingGateway) private readonly cases: CaseReadingGateway,
    @Inject(StaffDirectory) private readonly staff: StaffDirectory,
    @Inject(TemplateRenderer) private readonly renderer: TemplateRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':caseId')
  async show(@Param('caseId', caseIdPipe) caseId: string, @Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const { file, state } = await this.cases.load(caseId, principal, request.headers['x-correlation-id'] as string | undefined);
    const recorded = recordedRevisions(queryText(request, 'erfasst'), file.revision);
    const [timeline, staff] = await Promise.all([
      this.cases.timeline(caseId, principal, recorded === null ? null : queryText(request, 'stand'), request.headers['x-correlation-id'] as string | undefined),
      this.staff.names([state.caseManagerId, ...file.events.map((event) => event.actor.userId)], [state.organisationUnitId]),
    ]);
    const view = caseFileView(file, state, {
      today: germanCalendarDate(this.clock.now().getTime()),
      staff,
      timeline,
      newRevisions: new Set(recorded ?? []),
    });
    const recordedEvents = file.events.filter((event) => recorded?.includes(event.revision));
    const notice: Notice | null =
      recordedEvents.length === 0
        ? null
        : { kind: 'success', title: `Gespeichert (Stand ${file.revision}):`, lines: recordedEvents.map((event) => event.summary) };
    const context = { state, principal };
    const actions = CASE_ACTIONS.filter((action) => action.child === undefined && action.offered(context)).map((action) => ({
      href: `/faelle/${encodeURIComponent(caseId)}/aktion/${action.slug}`,
      label: action.title,
    }));
    const page = pageModel({ title: view.clientName, subtitle: 'Fallakte', principal, csrfToken: csrfTokenOf(request), path: pathOf(request), notice });
    sendPage(response, 200, this.renderer.render('case-file', page, { view, actions }));
  }
}
