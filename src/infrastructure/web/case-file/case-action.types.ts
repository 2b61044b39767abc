import type { PresentedEvent } from '../../../application/case-reading/case-event.presenter';
import type { Principal } from '../../../application/identity/principal';
import type { OpenedCaseState } from '../../../domain/case/case.state';
import type { CalendarDate } from '../../../domain/time/calendar-date.value';
import type { CommandContext, MappedCommand } from '../../http/cases/case-command.mapper';
import type { FieldProblem } from '../../http/request-validation';
import type { DistrictStaff } from '../../identity/staff-directory.repository';
import type { FieldsetSpec, FormValues } from '../forms/form.types';

/** What a case action's form may draw on: the case as it is, who fills it in, the district's staff, today. */
export interface ActionContext {
  caseId: string;
  /** The goal, referral or follow-up the action is about, for actions on one of them. */
  childId: string | null;
  state: OpenedCaseState;
  events: readonly PresentedEvent[];
  principal: Principal;
  staff: DistrictStaff;
  today: CalendarDate;
}

export type ChildKind = 'goal' | 'referral' | 'follow_up';

/**
 * One case command as a form: the API's DTO validates it and the API's mapper turns it into the command, so a
 * form can only do what the API does, and is checked the same way.
 */
export interface CaseAction {
  slug: string;
  title: string;
  submitLabel: string;
  /** The child an action is about; its id is the last path segment. */
  child?: ChildKind;
  /** One or two sentences above the form: what the action records, what follows from it. */
  intro?(context: ActionContext): string[];
  dto: new () => object;
  fieldsets(context: ActionContext): FieldsetSpec[];
  /** Values the empty form starts with (today's date, the usual choice). */
  defaults?(context: ActionContext): Record<string, string | string[]>;
  /** The request body; by default exactly what the fields describe. */
  body?(values: FormValues, context: ActionContext): Record<string, unknown>;
  /** Checks of the form itself, beyond the DTO (a confirmation box). */
  formProblems?(values: FormValues): FieldProblem[];
  /** Maps a problem's body path to the field that shows it, where they differ. */
  fieldOf?(problemField: string, values: FormValues): string;
  command(context: ActionContext, body: object, commandContext: CommandContext): MappedCommand;
  /** Whether the case file offers the action now; the domain still decides when it is sent. */
  offered(context: Pick<ActionContext, 'state' | 'principal'>): boolean;
}
