import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { AuditTrailPage } from '../../../application/audit/audit-trail.port';
import { SearchAuditTrailQuery } from '../../../application/audit/search-audit-trail.query';
import type { CaseloadRequest, CaseloadView } from '../../../application/caseload/get-caseload.query';
import { GetCaseloadQuery, UNFILTERED_CASELOAD_REQUEST } from '../../../application/caseload/get-caseload.query';
import type { Actor } from '../../../domain/case/access.policy';
import { actorOf } from '../../http/read-models/reader.actor';
import { Roles } from '../../identity/roles.decorator';
import { StaffDirectory } from '../../identity/staff-directory.repository';
import { germanInstant } from '../rendering/german-format';
import { pageModel } from '../rendering/page.model';
import { TemplateRenderer } from '../rendering/template.renderer';
import { WebExceptionFilter } from '../web-exception.filter';
import { csrfTokenOf, pathOf, principalOf, queryText, sendPage, type WebRequest, type WebResponse } from '../web-http';

const GAPS_PER_PAGE = 50;

/** Counting needs no rows: `limit 0` asks the caseload for its total only, and no name is decrypted. */
const COUNT_ONLY: CaseloadRequest = { ...UNFILTERED_CASELOAD_REQUEST, limit: 0 };

/**
 * The coordination office (building block 1): the caseloads of the district's teams, with the cases needing
 * attention, and the service gaps case managers reported. Reassignment is a case action (the case file's
 * "Fall übergeben"), reached from the lists here.
 */
@Controller('koordination')
@Roles('coordination')
@UseFilters(WebExceptionFilter)
export class CoordinationController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(StaffDirectory) private readonly staffDirectory: StaffDirectory,
    @Inject(TemplateRenderer) private readonly renderer: TemplateRenderer,
  ) {}

  @Get()
  async teams(@Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const actor = actorOf(principal);
    const staff = await this.staffDirectory.ofDistrict(principal.districtId);
    const units = await Promise.all(
      staff.units.map(async (unit) => {
        const members = staff.members.filter((member) => member.role === 'case_manager' && member.organisationUnitId === unit.id);
        const rows = await Promise.all(
          members.map(async (member) => ({ name: member.displayName, ...(await this.counts(actor, unit.id, member.userId)) })),
        );
        return { id: unit.id, name: unit.name, total: await this.counts(actor, unit.id, null), rows };
      }),
    );
    const page = pageModel({ title: 'Teams und Fallzahlen', principal, csrfToken: csrfTokenOf(request), path: pathOf(request) });
    sendPage(response, 200, this.renderer.render('coordination-teams', page, { units }));
  }

  @Get('angebotsluecken')
  async serviceGaps(@Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const cursor = queryText(request, 'weiter');
    const trail = await this.queries.execute<SearchAuditTrailQuery, AuditTrailPage>(
      new SearchAuditTrailQuery(actorOf(principal), { eventType: 'ServiceGapReported' }, { limit: GAPS_PER_PAGE, cursor: cursor !== null && /^\d{1,19}$/.test(cursor) ? cursor : null }),
    );
    const names = await this.staffDirectory.names(trail.entries.map((entry) => entry.actor.userId), trail.entries.map((entry) => entry.actor.organisationUnitId ?? ''));
    const gaps = trail.entries.map((entry) => ({
      reportedAt: germanInstant(entry.occurredAt),
      summary: entry.summary,
      by: names.users.get(entry.actor.userId) ?? entry.actor.userId,
      unit: names.units.get(entry.actor.organisationUnitId ?? '') ?? '–',
      caseHref: `/faelle/${encodeURIComponent(entry.caseId)}`,
    }));
    const next = trail.nextCursor === null ? null : `/koordination/angebotsluecken?weiter=${encodeURIComponent(trail.nextCursor)}`;
    const page = pageModel({ title: 'Gemeldete Angebotslücken', principal, csrfToken: csrfTokenOf(request), path: pathOf(request) });
    sendPage(response, 200, this.renderer.render('coordination-gaps', page, { gaps, next }));
  }

  private async counts(actor: Actor, organisationUnitId: string, caseManagerId: string | null) {
    const scope = { organisationUnitId, caseManagerId };
    const total = (extra: Partial<CaseloadRequest>) =>
      this.queries.execute<GetCaseloadQuery, CaseloadView>(new GetCaseloadQuery(actor, { ...COUNT_ONLY, ...scope, ...extra })).then((answer) => answer.total);
    const [open, overdue, expiring] = await Promise.all([total({}), total({ overdueOnly: true }), total({ expiringPermitsOnly: true })]);
    const list = new URLSearchParams({ einheit: organisationUnitId, ...(caseManagerId === null ? {} : { fallverantwortung: caseManagerId }) });
    return {
      open,
      overdue,
      expiring,
      openHref: `/faelle?${list}`,
      overdueHref: `/faelle?${list}&ueberfaellig=1`,
      expiringHref: `/faelle?${list}&ablaufend=1`,
    };
  }
}
