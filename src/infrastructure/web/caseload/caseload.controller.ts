import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetCaseloadQuery, type CaseloadView } from '../../../application/caseload/get-caseload.query';
import { CASE_PHASE_LABELS } from '../../../domain/case/case.phase';
import { JURISDICTIONS } from '../../../domain/residence-law/benefit-jurisdiction.vocabulary';
import { RESIDENCE_CATEGORIES } from '../../../domain/residence-law/residence-status.taxonomy';
import { CASE_CHANGING_ROLES } from '../../http/cases/case-roles';
import { actorOf } from '../../http/read-models/reader.actor';
import { Roles } from '../../identity/roles.decorator';
import { StaffDirectory } from '../../identity/staff-directory.repository';
import { choicesOf } from '../forms/choices';
import { formValuesOf } from '../forms/form-values';
import { pageModel } from '../rendering/page.model';
import { TemplateRenderer } from '../rendering/template.renderer';
import { WebExceptionFilter } from '../web-exception.filter';
import { csrfTokenOf, pathOf, principalOf, queryText, sendPage, type WebRequest, type WebResponse } from '../web-http';
import { caseloadFilters, caseloadRequest, SORT_PARAMETERS } from './caseload.filters';
import { caseListView } from './caseload.view';

/**
 * "Meine Fälle": the caseload, urgent cases first (overdue follow-ups, permits that expire or have expired),
 * with filters and pages. Coordination sees the district's cases and narrows them by unit and case manager.
 */
@Controller('faelle')
@Roles(...CASE_CHANGING_ROLES)
@UseFilters(WebExceptionFilter)
export class CaseloadController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(StaffDirectory) private readonly staffDirectory: StaffDirectory,
    @Inject(TemplateRenderer) private readonly renderer: TemplateRenderer,
  ) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const coordination = principal.role === 'coordination';
    const filters = caseloadFilters(formValuesOf(request.query));
    const [answer, staff] = await Promise.all([
      this.queries.execute<GetCaseloadQuery, CaseloadView>(new GetCaseloadQuery(actorOf(principal), caseloadRequest(principal, filters, queryText(request, 'stand')))),
      this.staffDirectory.ofDistrict(principal.districtId),
    ]);
    const names = { users: new Map(staff.members.map((member) => [member.userId, member.displayName])), units: new Map(staff.units.map((unit) => [unit.id, unit.name])) };
    const list = caseListView(answer, filters, names, { showCaseManager: coordination || filters.scope === 'einheit', reassign: coordination });
    const choices = {
      phases: choicesOf(CASE_PHASE_LABELS),
      categories: choicesOf(RESIDENCE_CATEGORIES),
      jurisdictions: Object.entries(JURISDICTIONS).map(([value, entry]) => ({ value, label: entry.label })),
      sorts: Object.entries(SORT_PARAMETERS).map(([value, entry]) => ({ value, label: entry.label })),
      units: staff.units.map((unit) => ({ value: unit.id, label: unit.name })),
      caseManagers: staff.members.filter((member) => member.role === 'case_manager').map((member) => ({ value: member.userId, label: member.displayName })),
    };
    const title = coordination ? 'Fälle im Kreis' : 'Meine Fälle';
    const page = pageModel({ title, principal, csrfToken: csrfTokenOf(request), path: pathOf(request) });
    sendPage(response, 200, this.renderer.render('caseload', page, { list, filters, choices, coordination }));
  }
}
