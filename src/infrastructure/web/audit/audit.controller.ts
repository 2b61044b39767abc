import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { AuditTrailPage } from '../../../application/audit/audit-trail.port';
import { SearchAuditTrailQuery } from '../../../application/audit/search-audit-trail.query';
import { type CaseIntegrity, VerifyCaseIntegrityQuery } from '../../../application/audit/verify-case-integrity.query';
import { type CaseHistory, GetCaseHistoryQuery } from '../../../application/case-reading/get-case-history.query';
import { type RevealedPersonalData, RevealPersonalDataQuery } from '../../../application/case-reading/reveal-personal-data.query';
import { AUDIT_READERS } from '../../../domain/audit/audit.policy';
import { ACCESS_KIND_LABELS, type AccessKind } from '../../../domain/audit/case-access.events';
import { EVENT_TYPE_LABELS, eventTypeLabel } from '../../../domain/audit/event-type.labels';
import { DomainRuleViolation } from '../../../domain/case/case.errors';
import { RevealRequest } from '../../http/audit/dto/reveal.request';
import { caseIdPipe } from '../../http/cases/path-id.pipe';
import { CORRELATION_ID_HEADER, correlationIdFrom } from '../../http/correlation-id';
import { actorOf } from '../../http/read-models/reader.actor';
import type { FieldProblem } from '../../http/request-validation';
import { Roles } from '../../identity/roles.decorator';
import { StaffDirectory } from '../../identity/staff-directory.repository';
import { problemOf, VIOLATION_STATUS } from '../commands/command-submission';
import { choicesOf } from '../forms/choices';
import type { FieldsetSpec, FormValues } from '../forms/form.types';
import { formValuesOf, listOf, textOf } from '../forms/form-values';
import { validateWith } from '../forms/form-validation';
import { formView } from '../forms/form.view';
import { germanInstant } from '../rendering/german-format';
import { pageModel } from '../rendering/page.model';
import { TemplateRenderer } from '../rendering/template.renderer';
import { WebExceptionFilter } from '../web-exception.filter';
import { csrfTokenOf, pathOf, principalOf, queryText, redirectTo, sendPage, type WebRequest, type WebResponse } from '../web-http';
import { dataRows, replayStepView } from './replay-step.view';

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const TRAIL_PAGE = 50;

/**
 * The auditors' pages: a case's history replayed entry by entry with the case as it stood after each, the
 * integrity of its hash chains, masked personal fields revealed for a stated reason, and the audit trail.
 * Each replay page is a recorded view; each reveal is recorded with its reason before anything is shown.
 */
@Controller('pruefung')
@Roles(...AUDIT_READERS)
@UseFilters(WebExceptionFilter)
export class AuditController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(StaffDirectory) private readonly staffDirectory: StaffDirectory,
    @Inject(TemplateRenderer) private readonly renderer: TemplateRenderer,
  ) {}

  @Get()
  async start(@Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const wanted = queryText(request, 'fall');
    if (wanted !== null && CASE_ID.test(wanted.trim())) return redirectTo(response, `/pruefung/faelle/${encodeURIComponent(wanted.trim())}`);
    const trail = await this.queries.execute<SearchAuditTrailQuery, AuditTrailPage>(new SearchAuditTrailQuery(actorOf(principal), {}, { limit: 15, cursor: null }));
    const page = pageModel({ title: 'Prüfung', principal, csrfToken: csrfTokenOf(request), path: pathOf(request) });
    sendPage(response, 200, this.renderer.render('audit-start', page, { entries: await this.trailRows(trail), caseIdError: wanted === null ? null : 'Bitte geben Sie eine gültige Fallkennung an.', caseId: wanted ?? '' }));
  }

  @Get('faelle/:caseId')
  async replay(@Param('caseId', caseIdPipe) caseId: string, @Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    await this.showReplay(caseId, request, response, 200, null);
  }

  @Post('faelle/:caseId/offenlegung')
  @Roles('auditor')
  async reveal(@Param('caseId', caseIdPipe) caseId: string, @Body() body: unknown, @Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const values = formValuesOf(body);
    const eventId = textOf(values, 'eventId');
    const revealBody = { reason: textOf(values, 'reason').trim() || undefined, fields: listOf(values, 'fields'), eventIds: eventId === '' ? [] : [eventId] };
    const validated = await validateWith(RevealRequest, revealBody);
    if (!validated.ok) return this.showReplay(caseId, request, response, 400, { values, problems: validated.problems });
    try {
      const selection = { fields: revealBody.fields, eventIds: revealBody.eventIds };
      const revealed = await this.queries.execute<RevealPersonalDataQuery, RevealedPersonalData>(
        new RevealPersonalDataQuery(caseId, actorOf(principal), selection, revealBody.reason ?? '', this.accessRequest(request)),
      );
      const page = pageModel({
        title: 'Offengelegte Daten',
        subtitle: `Prüfung des Falls ${caseId}`,
        principal,
        csrfToken: csrfTokenOf(request),
        path: pathOf(request),
        notice: { kind: 'info', title: 'Die Offenlegung ist im Prüfprotokoll festgehalten.', lines: [`Grund: ${revealed.reason}`] },
      });
      const entries = revealed.events.map((event) => ({ label: `Stand ${event.revision}: ${event.label}`, fields: event.fields.join(', '), rows: dataRows(event.data, '') }));
      sendPage(response, 200, this.renderer.render('audit-revealed', page, { entries, backHref: `/pruefung/faelle/${encodeURIComponent(caseId)}?schritt=${textOf(values, 'schritt')}` }));
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      return this.showReplay(caseId, request, response, VIOLATION_STATUS[error.kind], { values, problems: [problemOf(error)] });
    }
  }

  @Get('protokoll')
  async trail(@Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const query = formValuesOf(request.query);
    const caseId = textOf(query, 'fall').trim();
    const eventType = textOf(query, 'art');
    const accessKind = textOf(query, 'zugriff');
    const cursor = textOf(query, 'weiter');
    const criteria = {
      ...(CASE_ID.test(caseId) ? { caseId } : {}),
      ...(Object.prototype.hasOwnProperty.call(EVENT_TYPE_LABELS, eventType) ? { eventType } : {}),
      ...(Object.prototype.hasOwnProperty.call(ACCESS_KIND_LABELS, accessKind) ? { accessKind: accessKind as AccessKind } : {}),
    };
    const trail = await this.queries.execute<SearchAuditTrailQuery, AuditTrailPage>(
      new SearchAuditTrailQuery(actorOf(principal), criteria, { limit: TRAIL_PAGE, cursor: /^\d{1,19}$/.test(cursor) ? cursor : null }),
    );
    const next = trail.nextCursor === null ? null : `/pruefung/protokoll?${new URLSearchParams({ fall: caseId, art: eventType, zugriff: accessKind, weiter: trail.nextCursor })}`;
    const page = pageModel({ title: 'Prüfprotokoll', principal, csrfToken: csrfTokenOf(request), path: pathOf(request) });
    sendPage(
      response,
      200,
      this.renderer.render('audit-trail', page, {
        entries: await this.trailRows(trail),
        filters: { fall: caseId, art: eventType, zugriff: accessKind },
        choices: { types: choicesOf(EVENT_TYPE_LABELS), kinds: choicesOf(ACCESS_KIND_LABELS) },
        next,
      }),
    );
  }

  private async showReplay(
    caseId: string,
    request: WebRequest,
    response: WebResponse,
    status: number,
    reveal: { values: FormValues; problems: FieldProblem[] } | null,
  ): Promise<void> {
    const principal = principalOf(request);
    const actor = actorOf(principal);
    const [history, integrity] = await Promise.all([
      this.queries.execute<GetCaseHistoryQuery, CaseHistory>(new GetCaseHistoryQuery(caseId, actor, null, this.accessRequest(request))),
      this.queries.execute<VerifyCaseIntegrityQuery, CaseIntegrity>(new VerifyCaseIntegrityQuery(caseId, actor)),
    ]);
    const last = history.entries.length - 1;
    const requested = Number(reveal === null ? queryText(request, 'schritt') : textOf(reveal.values, 'schritt'));
    const index = Number.isSafeInteger(requested) && requested >= 0 && requested <= last ? requested : 0;
    const staff = await this.staffDirectory.names(
      history.entries.flatMap((entry) => [entry.actor.userId, ...(entry.stateAfter.opened ? [entry.stateAfter.caseManagerId] : [])]),
      history.entries.flatMap((entry) => (entry.stateAfter.opened ? [entry.stateAfter.organisationUnitId] : [])),
    );
    const step = replayStepView(history.entries[index], index, staff);
    const base = `/pruefung/faelle/${encodeURIComponent(caseId)}`;
    const stepHref = (n: number) => `${base}?schritt=${n}`;
    const canReveal = principal.role === 'auditor' && step.maskedFields.length > 0;
    const page = pageModel({ title: 'Verlauf nachvollziehen', subtitle: `Prüfung des Falls ${caseId}`, principal, csrfToken: csrfTokenOf(request), path: pathOf(request) });
    sendPage(
      response,
      status,
      this.renderer.render('audit-replay', page, {
        caseId,
        step,
        total: history.entries.length,
        navigation: {
          first: index > 0 ? stepHref(0) : null,
          previous: index > 0 ? stepHref(index - 1) : null,
          next: index < last ? stepHref(index + 1) : null,
          last: index < last ? stepHref(last) : null,
        },
        steps: history.entries.map((entry, n) => ({ href: stepHref(n), label: `Stand ${entry.revision}: ${entry.label}`, current: n === index })),
        integrity: integrityView(integrity),
        personalData: history.personalData,
        revealForm: canReveal ? this.revealForm(base, step.eventId, index, step.maskedFields, reveal) : null,
        csrfToken: csrfTokenOf(request),
      }),
    );
  }

  private revealForm(base: string, eventId: string, index: number, maskedFields: string[], reveal: { values: FormValues; problems: FieldProblem[] } | null) {
    const fieldsets: FieldsetSpec[] = [
      {
        legend: 'Personenbezogene Daten offenlegen',
        hint: 'Nur mit Grund, etwa einem Aktenzeichen oder Prüfauftrag; nennen Sie die Person nicht. Die Offenlegung wird protokolliert.',
        fields: [
          { name: 'fields', label: 'Felder dieses Eintrags', kind: 'checkboxes', choices: maskedFields.map((field) => ({ value: field, label: field })), hint: 'Ohne Auswahl: alle maskierten Felder dieses Eintrags.' },
          { name: 'reason', label: 'Grund der Offenlegung', kind: 'text', required: true },
        ],
      },
    ];
    return formView({
      id: 'offenlegung',
      action: `${base}/offenlegung`,
      submitLabel: 'Offenlegen und protokollieren',
      fieldsets,
      values: reveal?.values ?? {},
      problems: reveal?.problems ?? [],
      hidden: { eventId, schritt: String(index) },
      fieldOf: (field) => (field === 'eventIds' ? 'fields' : field),
    });
  }

  private accessRequest(request: WebRequest) {
    return { requestId: randomUUID(), correlationId: correlationIdFrom(request.headers[CORRELATION_ID_HEADER]) };
  }

  private async trailRows(trail: AuditTrailPage) {
    const staff = await this.staffDirectory.names(trail.entries.map((entry) => entry.actor.userId), []);
    return trail.entries.map((entry) => ({
      at: germanInstant(entry.recordedAt),
      caseId: entry.caseId,
      caseHref: `/pruefung/faelle/${encodeURIComponent(entry.caseId)}`,
      label: eventTypeLabel(entry.eventType),
      summary: entry.summary,
      by: staff.users.get(entry.actor.userId) ?? entry.actor.userId,
      reason: entry.reasonSealed ? '(verschlüsselt)' : (entry.reason ?? '–'),
    }));
  }
}

function integrityView(integrity: CaseIntegrity) {
  const problem = (report: CaseIntegrity['case']) =>
    report.firstBroken === null
      ? null
      : `Stand ${report.firstBroken.revision}: ${
          { hash_mismatch: 'Prüfsumme passt nicht zum Inhalt', revision_gap: 'Lücke in der Reihenfolge', wrong_stream: 'Eintrag gehört zu einem anderen Verlauf' }[report.firstBroken.problem]
        }`;
  return {
    ok: integrity.ok,
    text: integrity.ok
      ? `✔ Integrität bestätigt: Die Hash-Ketten der ${integrity.case.eventsChecked} Einträge des Falls und der ${integrity.accessLog.eventsChecked} Zugriffsprotokolle sind lückenlos.`
      : '✖ Integrität verletzt: Mindestens ein gespeicherter Eintrag wurde nachträglich verändert oder fehlt.',
    problems: [problem(integrity.case), problem(integrity.accessLog)].filter((line): line is string => line !== null),
  };
}

