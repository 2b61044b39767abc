import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { WrongExpectedRevisionError } from '../../../application/ports/event-store.errors';
import { DomainRuleViolation, FollowUpNotFoundError, GoalNotFoundError, ReferralNotFoundError } from '../../../domain/case/case.errors';
import { germanCalendarDate } from '../../../domain/time/instant.value';
import { CaseCommandExecutor } from '../../http/cases/case-command.executor';
import { CORRELATION_ID_HEADER } from '../../http/correlation-id';
import { IdempotencyKeyReusedError } from '../../http/idempotency-key';
import { commandRequestOf, idempotencyKeyOf, problemOf, VIOLATION_STATUS } from '../commands/command-submission';
import { type FieldProblem, RequestValidationError } from '../../http/request-validation';
import { StaffDirectory } from '../../identity/staff-directory.repository';
import { FORM_FIELDS, type FormValues } from '../forms/form.types';
import { bodyOf, formValuesOf, textOf } from '../forms/form-values';
import { validateWith } from '../forms/form-validation';
import { type ConflictView, formView } from '../forms/form.view';
import { germanInstant } from '../rendering/german-format';
import { pageModel } from '../rendering/page.model';
import { TemplateRenderer } from '../rendering/template.renderer';
import { csrfTokenOf, pathOf, principalOf, redirectTo, sendPage, type WebRequest, type WebResponse } from '../web-http';
import type { ActionContext, CaseAction, ChildKind } from './case-action.types';
import { CaseReadingGateway, type LoadedCase } from './case-reading.gateway';
import { recordedParameter } from './recorded-revisions';

/** The event that creates each kind of child, and the field that names it. */
const CHILD_EVENTS = { goal: ['GoalAgreed', 'goalId'], referral: ['ReferralMade', 'referralId'], follow_up: ['FollowUpScheduled', 'followUpId'] } as const;

const CHILD_NOT_FOUND: Readonly<Record<ChildKind, (id: string) => DomainRuleViolation>> = {
  goal: (id) => new GoalNotFoundError(id),
  referral: (id) => new ReferralNotFoundError(id),
  follow_up: (id) => new FollowUpNotFoundError(id),
};

/** The revision the form was opened at; anything else is treated as absent. */
const REVISION = /^\d{1,15}$/;

/**
 * Shows a case action's form and runs it. A submitted form is validated with the API's DTO, mapped by the
 * API's mapper and executed by the API's executor with the revision the form was opened at (If-Match) and a
 * key per opened form (Idempotency-Key), so a double click records once. Whatever goes wrong comes back as the
 * same form with the input kept: field problems next to their fields, a conflict with what changed meanwhile.
 */
@Injectable()
export class CaseActionPages {
  constructor(
    @Inject(CaseReadingGateway) private readonly cases: CaseReadingGateway,
    @Inject(CaseCommandExecutor) private readonly commands: CaseCommandExecutor,
    @Inject(StaffDirectory) private readonly staff: StaffDirectory,
    @Inject(TemplateRenderer) private readonly renderer: TemplateRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async show(action: CaseAction, caseId: string, childId: string | null, request: WebRequest, response: WebResponse): Promise<void> {
    const loaded = await this.load(caseId, request);
    const context = await this.contextOf(action, loaded, childId, request);
    const values = action.defaults?.(context) ?? {};
    this.render(action, context, loaded, request, response, 200, {
      values,
      problems: [],
      revision: loaded.file.revision,
      idempotencyKey: randomUUID(),
      conflict: null,
    });
  }

  async submit(action: CaseAction, caseId: string, childId: string | null, body: unknown, request: WebRequest, response: WebResponse): Promise<void> {
    const values = formValuesOf(body);
    const loaded = await this.load(caseId, request);
    const context = await this.contextOf(action, loaded, childId, request);
    const revisionText = textOf(values, FORM_FIELDS.revision);
    const revision = REVISION.test(revisionText) ? Number(revisionText) : loaded.file.revision;
    const idempotencyKey = idempotencyKeyOf(values);
    const again = (status: number, problems: FieldProblem[], conflict: ConflictView | null = null, nextRevision = revision, key = idempotencyKey) =>
      this.render(action, context, loaded, request, response, status, { values, problems, revision: nextRevision, idempotencyKey: key, conflict });

    const requestBody = action.body ? action.body(values, context) : bodyOf(action.fieldsets(context), values);
    const validated = await validateWith(action.dto, requestBody);
    const problems = [...(action.formProblems?.(values) ?? []), ...(validated.ok ? [] : validated.problems)];
    if (!validated.ok || problems.length > 0) return again(400, problems);

    const path = pathOf(request);
    try {
      const answer = await this.commands.execute(
        commandRequestOf(request, context.principal, { key: idempotencyKey, step: action.slug, body: requestBody, expectedRevision: revision, path }),
        200,
        (commandContext) => action.command(context, validated.value, commandContext),
      );
      const checkpoint = answer.checkpoint === null ? '' : `&stand=${encodeURIComponent(answer.checkpoint)}`;
      redirectTo(response, `/faelle/${encodeURIComponent(answer.caseId)}?erfasst=${recordedParameter(answer.revision, answer.events.length)}${checkpoint}`);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && typeof error.actual === 'number') {
        const current = await this.load(caseId, request);
        return again(409, [], await this.conflictOf(current, revision, request), current.file.revision);
      }
      if (error instanceof DomainRuleViolation) return again(VIOLATION_STATUS[error.kind], [problemOf(error)]);
      if (error instanceof RequestValidationError) return again(400, [...error.problems]);
      // The key was used for a different form body: this submission gets a key of its own.
      if (error instanceof IdempotencyKeyReusedError) return again(409, [{ field: '', message: 'Bitte senden Sie das Formular noch einmal.' }], null, revision, randomUUID());
      throw error;
    }
  }

  private load(caseId: string, request: WebRequest): Promise<LoadedCase> {
    return this.cases.load(caseId, principalOf(request), request.headers[CORRELATION_ID_HEADER] as string | undefined);
  }

  private async contextOf(action: CaseAction, loaded: LoadedCase, childId: string | null, request: WebRequest): Promise<ActionContext> {
    if (action.child !== undefined && childId !== null) {
      const [type, idField] = CHILD_EVENTS[action.child];
      const exists = loaded.file.events.some((event) => event.type === type && (event.data as Record<string, unknown>)[idField] === childId);
      if (!exists) throw CHILD_NOT_FOUND[action.child](childId);
    }
    return {
      caseId: loaded.file.caseId,
      childId,
      state: loaded.state,
      events: loaded.file.events,
      principal: principalOf(request),
      staff: await this.staff.ofDistrict(loaded.state.districtId),
      today: germanCalendarDate(this.clock.now().getTime()),
    };
  }

  private async conflictOf(current: LoadedCase, yourRevision: number, request: WebRequest): Promise<ConflictView> {
    const changes = current.file.events.filter((event) => event.revision > yourRevision);
    const names = await this.staff.names(changes.map((event) => event.actor.userId), []);
    return {
      yourRevision,
      currentRevision: current.file.revision,
      changes: changes.map((event) => ({ summary: event.summary, by: names.users.get(event.actor.userId) ?? event.actor.userId, at: germanInstant(event.recordedAt) })),
      reloadHref: pathOf(request),
    };
  }

  private render(
    action: CaseAction,
    context: ActionContext,
    loaded: LoadedCase,
    request: WebRequest,
    response: WebResponse,
    status: number,
    form: { values: FormValues; problems: FieldProblem[]; revision: number; idempotencyKey: string; conflict: ConflictView | null },
  ): void {
    const caseHref = `/faelle/${encodeURIComponent(context.caseId)}`;
    const view = formView({
      id: `aktion-${action.slug}`,
      action: pathOf(request),
      submitLabel: action.submitLabel,
      fieldsets: action.fieldsets(context),
      values: form.values,
      problems: form.problems,
      hidden: { [FORM_FIELDS.revision]: String(form.revision), [FORM_FIELDS.idempotencyKey]: form.idempotencyKey },
      conflict: form.conflict,
      cancelHref: caseHref,
      fieldOf: action.fieldOf ? (field) => action.fieldOf!(field, form.values) : undefined,
    });
    const clientName = caseTitleOf(loaded);
    const page = pageModel({ title: action.title, subtitle: `Fallakte ${clientName}`, principal: context.principal, csrfToken: csrfTokenOf(request), path: pathOf(request) });
    sendPage(response, status, this.renderer.render('case-action', page, { form: view, csrfToken: csrfTokenOf(request), intro: action.intro?.(context) ?? [], caseHref }));
  }
}

function caseTitleOf(loaded: LoadedCase): string {
  const opened = loaded.file.events.find((event) => event.type === 'CaseOpened');
  const personal = (opened?.data as { client?: { personal?: { givenName?: unknown; familyName?: unknown } } } | undefined)?.client?.personal;
  return typeof personal?.familyName === 'string' && typeof personal.givenName === 'string' ? `${personal.familyName}, ${personal.givenName}` : '(Person gelöscht)';
}
