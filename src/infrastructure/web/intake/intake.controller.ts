import { Body, Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../application/identity/principal';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { DomainRuleViolation } from '../../../domain/case/case.errors';
import { germanCalendarDate } from '../../../domain/time/instant.value';
import { CaseCommandExecutor } from '../../http/cases/case-command.executor';
import { toOpenCase, toRecordConsent } from '../../http/cases/case-command.mapper';
import { CASE_CHANGING_ROLES } from '../../http/cases/case-roles';
import { OpenCaseRequest } from '../../http/cases/dto/open-case.request';
import { RecordConsentRequest } from '../../http/cases/dto/record-consent.request';
import type { FieldProblem } from '../../http/request-validation';
import { Roles } from '../../identity/roles.decorator';
import { type DistrictStaff, StaffDirectory } from '../../identity/staff-directory.repository';
import { recordedParameter } from '../case-file/recorded-revisions';
import { commandRequestOf, idempotencyKeyOf, problemOf, VIOLATION_STATUS } from '../commands/command-submission';
import { FORM_FIELDS, type FormValues } from '../forms/form.types';
import { bodyOf, formValuesOf, textOf } from '../forms/form-values';
import { prefixed, validateWith } from '../forms/form-validation';
import { formView } from '../forms/form.view';
import { pageModel } from '../rendering/page.model';
import { TemplateRenderer } from '../rendering/template.renderer';
import { WebExceptionFilter } from '../web-exception.filter';
import { csrfTokenOf, principalOf, redirectTo, sendPage, type WebRequest, type WebResponse } from '../web-http';
import { intakeFieldsets } from './intake.form';

const PATH = '/faelle/neu';

/**
 * The intake: opening the case and recording the consent to case management, from one form. Both bodies are
 * validated before anything is recorded, so a mistake in the consent never leaves a case half taken in.
 */
@Controller('faelle/neu')
@Roles(...CASE_CHANGING_ROLES)
@UseFilters(WebExceptionFilter)
export class IntakeController {
  constructor(
    @Inject(CaseCommandExecutor) private readonly commands: CaseCommandExecutor,
    @Inject(StaffDirectory) private readonly staffDirectory: StaffDirectory,
    @Inject(TemplateRenderer) private readonly renderer: TemplateRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async form(@Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const today = germanCalendarDate(this.clock.now().getTime());
    const values = { openedOn: today, 'consent.givenOn': today, [FORM_FIELDS.idempotencyKey]: randomUUID() };
    this.render(request, response, 200, await this.staffDirectory.ofDistrict(principal.districtId), values, []);
  }

  @Post()
  async submit(@Body() body: unknown, @Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const principal = principalOf(request);
    const staff = await this.staffDirectory.ofDistrict(principal.districtId);
    const values = formValuesOf(body);
    const again = (status: number, problems: FieldProblem[]) => this.render(request, response, status, staff, values, problems);

    const fieldsets = intakeFieldsets(principal, staff);
    const { consent, ...openBody } = bodyOf(fieldsets, values) as Record<string, unknown> & { consent?: Record<string, unknown> };
    const assignee = staff.members.find((member) => member.userId === openBody.caseManagerId);
    if (assignee?.organisationUnitId) openBody.organisationUnitId = assignee.organisationUnitId;
    const consentBody = { purpose: 'case_management', ...consent };
    const [opening, consenting] = await Promise.all([validateWith(OpenCaseRequest, openBody), validateWith(RecordConsentRequest, consentBody)]);
    const problems = [
      ...(opening.ok ? [] : opening.problems),
      ...(consenting.ok ? [] : prefixed('consent', consenting.problems)),
      ...consentDateProblems(values),
    ];
    if (!opening.ok || !consenting.ok || problems.length > 0) return again(400, problems);

    const key = idempotencyKeyOf(values);
    // One key per step: a second click on the same form finds both answers stored and records nothing twice.
    const commandRequest = (step: string, body: unknown, expectedRevision: number | undefined) =>
      commandRequestOf(request, principal, { key, step, body, expectedRevision, path: PATH });
    try {
      const opened = await this.commands.execute(commandRequest('open', openBody, undefined), 201, (context) => toOpenCase(opening.value, context));
      const consented = await this.commands.execute(commandRequest('consent', consentBody, opened.revision), 200, (context) =>
        toRecordConsent(opened.caseId, consenting.value, context),
      );
      const checkpoint = consented.checkpoint === null ? '' : `&stand=${encodeURIComponent(consented.checkpoint)}`;
      redirectTo(response, `/faelle/${encodeURIComponent(opened.caseId)}?erfasst=${recordedParameter(consented.revision, consented.revision + 1)}${checkpoint}`);
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      return again(VIOLATION_STATUS[error.kind], [problemOf(error)]);
    }
  }

  private render(request: WebRequest, response: WebResponse, status: number, staff: DistrictStaff, values: FormValues, problems: FieldProblem[]): void {
    const principal: Principal = principalOf(request);
    const form = formView({
      id: 'fallaufnahme',
      action: PATH,
      submitLabel: 'Fall aufnehmen',
      fieldsets: intakeFieldsets(principal, staff),
      values,
      problems,
      hidden: { [FORM_FIELDS.idempotencyKey]: textOf(values, FORM_FIELDS.idempotencyKey) || randomUUID() },
      cancelHref: '/faelle',
    });
    const page = pageModel({ title: 'Neuer Fall', subtitle: 'Fallaufnahme mit Einwilligung', principal, csrfToken: csrfTokenOf(request), path: PATH });
    sendPage(response, status, this.renderer.render('intake', page, { form, csrfToken: csrfTokenOf(request) }));
  }
}

/** The consent belongs to the intake: given on or after the day the case is opened. */
function consentDateProblems(values: FormValues): FieldProblem[] {
  const openedOn = textOf(values, 'openedOn');
  const givenOn = textOf(values, 'consent.givenOn');
  return openedOn !== '' && givenOn !== '' && givenOn < openedOn
    ? [{ field: 'consent.givenOn', message: 'Die Einwilligung kann nicht vor der Fallaufnahme erteilt worden sein.' }]
    : [];
}
