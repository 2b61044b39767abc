import { caseManagementConsent } from '../../../domain/case/case.state';
import type { CaseEventType } from '../../../domain/case/case.events';
import { CASE_PHASE_LABELS, WORKING_PHASES } from '../../../domain/case/case.phase';
import {
  CLOSURE_REASON_LABELS,
  ERASURE_LEGAL_BASIS_LABELS,
  GOAL_OUTCOME_LABELS,
  GOAL_PROGRESS_LABELS,
  LIFE_AREA_LABELS,
  LIFE_AREAS,
  NEED_LEVEL_LABELS,
  REFERRAL_OUTCOME_LABELS,
  SESSION_FORMAT_LABELS,
} from '../../../domain/case/case.vocabulary';
import { JURISDICTIONS, JURISDICTION_CODES } from '../../../domain/residence-law/benefit-jurisdiction.vocabulary';
import * as map from '../../http/cases/case-command.mapper';
import { AgreeGoalRequest } from '../../http/cases/dto/agree-goal.request';
import { AssessNeedsRequest } from '../../http/cases/dto/assess-needs.request';
import { ChangeJurisdictionRequest } from '../../http/cases/dto/change-jurisdiction.request';
import { ChangeLegalStatusRequest } from '../../http/cases/dto/change-legal-status.request';
import { ChangePhaseRequest } from '../../http/cases/dto/change-phase.request';
import { CloseCaseRequest } from '../../http/cases/dto/close-case.request';
import { CloseGoalRequest } from '../../http/cases/dto/close-goal.request';
import { CompleteFollowUpRequest } from '../../http/cases/dto/complete-follow-up.request';
import { CorrectEntryRequest } from '../../http/cases/dto/correct-entry.request';
import { EraseClientDataRequest } from '../../http/cases/dto/erase-client-data.request';
import { MakeReferralRequest } from '../../http/cases/dto/make-referral.request';
import { ReassignCaseRequest } from '../../http/cases/dto/reassign-case.request';
import { RecordConsentRequest } from '../../http/cases/dto/record-consent.request';
import { RecordCounsellingSessionRequest } from '../../http/cases/dto/record-counselling-session.request';
import { RecordReferralOutcomeRequest } from '../../http/cases/dto/record-referral-outcome.request';
import { ReopenCaseRequest } from '../../http/cases/dto/reopen-case.request';
import { ReportServiceGapRequest } from '../../http/cases/dto/report-service-gap.request';
import { ReviewGoalRequest } from '../../http/cases/dto/review-goal.request';
import { ScheduleFollowUpRequest } from '../../http/cases/dto/schedule-follow-up.request';
import { WithdrawConsentRequest } from '../../http/cases/dto/withdraw-consent.request';
import { choicesOf, YES_NO } from '../forms/choices';
import { bodyOf, textOf } from '../forms/form-values';
import type { Choice, FieldsetSpec, FormValues } from '../forms/form.types';
import { germanDate } from '../rendering/german-format';
import type { ActionContext, CaseAction } from './case-action.types';
import {
  consentPurposeField,
  dateField,
  institutionFieldset,
  languageField,
  legalStatusFieldsets,
  lifeAreaField,
  noteField,
  reasonField,
} from './case-action.fields';

type State = ActionContext['state'];
const isOpen = (state: State) => state.phase !== 'closed' && !state.erased;
const withConsent = (state: State) => isOpen(state) && caseManagementConsent(state) === 'given';
const today = (context: ActionContext) => context.today;

function eventData<T>(context: ActionContext, type: CaseEventType, idField: string): T | undefined {
  const event = context.events.find((candidate) => candidate.type === type && (candidate.data as Record<string, unknown>)[idField] === context.childId);
  return event?.data as T | undefined;
}

const consent: CaseAction = {
  slug: 'einwilligung',
  title: 'Einwilligung erfassen',
  submitLabel: 'Einwilligung speichern',
  intro: () => [
    'Einwilligungen gelten je Zweck; eine Datenweitergabe (Schweigepflichtentbindung) gilt nur für die genannte Stelle.',
  ],
  dto: RecordConsentRequest,
  fieldsets: () => [
    { legend: 'Einwilligung', fields: [consentPurposeField] },
    institutionFieldset('recipient', 'Empfangende Stelle', { optional: true, hint: 'Nur bei Datenweitergabe: an welche Stelle genau.' }),
    {
      legend: 'Formular',
      fields: [
        { name: 'formVersion', label: 'Version des Einwilligungsformulars', kind: 'text', required: true, width: 'medium', hint: 'z. B. „KIM-EW-2024-1“' },
        languageField('language', 'Sprache des unterschriebenen Formulars', { required: true }),
        dateField('givenOn', 'Datum der Einwilligung'),
      ],
    },
  ],
  defaults: (context) => ({ purpose: caseManagementConsent(context.state) === 'given' ? '' : 'case_management', givenOn: today(context) }),
  command: (context, body, commandContext) => map.toRecordConsent(context.caseId, body as RecordConsentRequest, commandContext),
  offered: ({ state }) => isOpen(state),
};

const withdrawConsent: CaseAction = {
  slug: 'einwilligung-widerrufen',
  title: 'Einwilligung widerrufen',
  submitLabel: 'Widerruf speichern',
  intro: () => ['Nach dem Widerruf der Einwilligung in das Case Management sind weitere Einträge erst nach erneuter Einwilligung möglich.'],
  dto: WithdrawConsentRequest,
  fieldsets: () => [
    { legend: 'Widerruf', fields: [consentPurposeField] },
    institutionFieldset('recipient', 'Empfangende Stelle', { optional: true, hint: 'Nur bei Datenweitergabe: die Stelle, für die widerrufen wird.' }),
    { legend: 'Datum', fields: [dateField('withdrawnOn', 'Datum des Widerrufs')] },
  ],
  defaults: (context) => ({ withdrawnOn: today(context) }),
  command: (context, body, commandContext) => map.toWithdrawConsent(context.caseId, body as WithdrawConsentRequest, commandContext),
  offered: ({ state }) => isOpen(state) && Object.values(state.consents).some((entry) => entry.active),
};

const needLevelChoices: Choice[] = Object.entries(NEED_LEVEL_LABELS).map(([value, label]) => ({ value, label: `${value} – ${label}` }));

/** One row per life area; only the rated ones become the assessment, in the order of the list. */
const assessNeeds: CaseAction = {
  slug: 'bedarf',
  title: 'Bedarf ermitteln',
  submitLabel: 'Bedarfsermittlung speichern',
  intro: () => ['Bewerten Sie die besprochenen Lebensbereiche von 0 (kein Bedarf) bis 3 (akuter Bedarf); nicht bewertete Bereiche bleiben offen.'],
  dto: AssessNeedsRequest,
  fieldsets: () => [
    { legend: 'Datum', fields: [dateField('assessedOn', 'Datum der Bedarfsermittlung')] },
    {
      legend: 'Bedarf je Lebensbereich',
      fields: LIFE_AREAS.flatMap((area) => [
        {
          name: `needs.${area}.level`,
          label: `Bedarf: ${LIFE_AREA_LABELS[area]}`,
          kind: 'select' as const,
          emptyChoice: 'nicht bewertet',
          choices: needLevelChoices,
          value: 'integer' as const,
          width: 'medium' as const,
        },
        { name: `needs.${area}.note`, label: `Notiz: ${LIFE_AREA_LABELS[area]}`, kind: 'text' as const },
      ]),
    },
  ],
  defaults: (context) => ({ assessedOn: today(context) }),
  body: (values) => ({
    assessedOn: textOf(values, 'assessedOn').trim() || undefined,
    needs: ratedAreas(values).map((area) => {
      const level = textOf(values, `needs.${area}.level`);
      const note = textOf(values, `needs.${area}.note`).trim();
      return { lifeArea: area, level: /^\d$/.test(level) ? Number(level) : level, ...(note === '' ? {} : { note }) };
    }),
  }),
  fieldOf: (problemField, values) => {
    const match = /^needs\[(\d+)\]\.(level|note)$/.exec(problemField);
    if (match) return `needs.${ratedAreas(values)[Number(match[1])]}.${match[2]}`;
    return problemField === 'needs' ? `needs.${LIFE_AREAS[0]}.level` : problemField;
  },
  command: (context, body, commandContext) => map.toAssessNeeds(context.caseId, body as AssessNeedsRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

function ratedAreas(values: FormValues) {
  return LIFE_AREAS.filter((area) => textOf(values, `needs.${area}.level`) !== '');
}

const agreeGoal: CaseAction = {
  slug: 'ziel',
  title: 'Ziel vereinbaren',
  submitLabel: 'Ziel speichern',
  dto: AgreeGoalRequest,
  fieldsets: () => [
    {
      legend: 'Ziel',
      fields: [
        lifeAreaField(),
        { name: 'text', label: 'Vereinbartes Ziel', kind: 'textarea', required: true, hint: 'Wird verschlüsselt gespeichert.' },
        dateField('targetOn', 'Zieldatum', { required: false }),
        dateField('agreedOn', 'Vereinbart am'),
      ],
    },
  ],
  defaults: (context) => ({ agreedOn: today(context) }),
  command: (context, body, commandContext) => map.toAgreeGoal(context.caseId, body as AgreeGoalRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const goalIntro = (context: ActionContext): string[] => {
  const goal = eventData<{ lifeArea: keyof typeof LIFE_AREA_LABELS; agreedOn: string }>(context, 'GoalAgreed', 'goalId');
  return goal ? [`Ziel im Lebensbereich ${LIFE_AREA_LABELS[goal.lifeArea]}, vereinbart am ${germanDate(goal.agreedOn)}.`] : [];
};

const reviewGoal: CaseAction = {
  slug: 'ziel-ueberpruefen',
  child: 'goal',
  title: 'Ziel überprüfen',
  submitLabel: 'Überprüfung speichern',
  intro: goalIntro,
  dto: ReviewGoalRequest,
  fieldsets: () => [
    {
      legend: 'Überprüfung',
      fields: [
        dateField('reviewedOn', 'Datum der Überprüfung'),
        { name: 'progress', label: 'Fortschritt', kind: 'radio', required: true, choices: choicesOf(GOAL_PROGRESS_LABELS) },
        dateField('revisedTargetOn', 'Neues Zieldatum', { required: false }),
        noteField(),
      ],
    },
  ],
  defaults: (context) => ({ reviewedOn: today(context) }),
  command: (context, body, commandContext) => map.toReviewGoal(context.caseId, context.childId ?? '', body as ReviewGoalRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const closeGoal: CaseAction = {
  slug: 'ziel-abschliessen',
  child: 'goal',
  title: 'Ziel abschließen',
  submitLabel: 'Abschluss speichern',
  intro: goalIntro,
  dto: CloseGoalRequest,
  fieldsets: () => [
    {
      legend: 'Abschluss des Ziels',
      fields: [
        { name: 'outcome', label: 'Ergebnis', kind: 'radio', required: true, choices: choicesOf(GOAL_OUTCOME_LABELS) },
        dateField('closedOn', 'Datum des Abschlusses'),
        noteField(),
      ],
    },
  ],
  defaults: (context) => ({ closedOn: today(context) }),
  command: (context, body, commandContext) => map.toCloseGoal(context.caseId, context.childId ?? '', body as CloseGoalRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const session: CaseAction = {
  slug: 'beratung',
  title: 'Beratungskontakt erfassen',
  submitLabel: 'Beratung speichern',
  dto: RecordCounsellingSessionRequest,
  fieldsets: () => [
    {
      legend: 'Beratung',
      fields: [
        dateField('heldOn', 'Datum der Beratung'),
        { name: 'durationMinutes', label: 'Dauer in Minuten', kind: 'integer', required: true, width: 'short' },
        { name: 'format', label: 'Form der Beratung', kind: 'radio', required: true, choices: choicesOf(SESSION_FORMAT_LABELS) },
        { name: 'lifeAreas', label: 'Besprochene Lebensbereiche', kind: 'checkboxes', choices: choicesOf(LIFE_AREA_LABELS) },
      ],
    },
    {
      legend: 'Beteiligte',
      fields: [
        languageField('interpreterLanguage', 'Dolmetschung', { emptyChoice: 'ohne Dolmetschung' }),
        { name: 'householdMembersPresent', label: 'Anwesende Haushaltsmitglieder außer der Person selbst', kind: 'integer', width: 'short' },
      ],
    },
    { legend: 'Notiz', fields: [noteField('note', 'Notiz zur Beratung')] },
  ],
  defaults: (context) => ({ heldOn: today(context), householdMembersPresent: '0' }),
  command: (context, body, commandContext) =>
    map.toRecordCounsellingSession(context.caseId, body as RecordCounsellingSessionRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const referral: CaseAction = {
  slug: 'weiterleitung',
  title: 'Weiterleitung erfassen',
  submitLabel: 'Weiterleitung speichern',
  intro: () => ['Mit Datenweitergabe nur, wenn eine Schweigepflichtentbindung für genau diese Stelle erfasst ist.'],
  dto: MakeReferralRequest,
  fieldsets: () => [
    institutionFieldset('institution', 'Stelle', { optional: false }),
    {
      legend: 'Weiterleitung',
      fields: [
        lifeAreaField(),
        { name: 'reason', label: 'Anlass', kind: 'textarea', hint: 'Wird verschlüsselt gespeichert.' },
        { name: 'sharesData', label: 'Werden Daten an die Stelle weitergegeben?', kind: 'radio', required: true, choices: YES_NO, value: 'boolean' },
        dateField('referredOn', 'Datum der Weiterleitung'),
      ],
    },
  ],
  defaults: (context) => ({ referredOn: today(context), sharesData: 'false' }),
  command: (context, body, commandContext) => map.toMakeReferral(context.caseId, body as MakeReferralRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const referralOutcome: CaseAction = {
  slug: 'weiterleitung-ergebnis',
  child: 'referral',
  title: 'Ergebnis der Weiterleitung erfassen',
  submitLabel: 'Ergebnis speichern',
  intro: (context) => {
    const made = eventData<{ institution: { name: string }; referredOn: string }>(context, 'ReferralMade', 'referralId');
    return made ? [`Weiterleitung an „${made.institution.name}“ vom ${germanDate(made.referredOn)}. Das Ergebnis kann nur einmal erfasst werden.`] : [];
  },
  dto: RecordReferralOutcomeRequest,
  fieldsets: () => [
    {
      legend: 'Ergebnis',
      fields: [
        { name: 'outcome', label: 'Ergebnis der Weiterleitung', kind: 'radio', required: true, choices: choicesOf(REFERRAL_OUTCOME_LABELS) },
        dateField('outcomeOn', 'Datum des Ergebnisses'),
      ],
    },
  ],
  defaults: (context) => ({ outcomeOn: today(context) }),
  command: (context, body, commandContext) =>
    map.toRecordReferralOutcome(context.caseId, context.childId ?? '', body as RecordReferralOutcomeRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const legalStatus: CaseAction = {
  slug: 'aufenthaltsstatus',
  title: 'Aufenthaltsstatus ändern',
  submitLabel: 'Aufenthaltsstatus speichern',
  intro: () => ['Die Rechtsgrundlage muss zur Art des Status passen und zum Beginn der Gültigkeit in Kraft gewesen sein.'],
  dto: ChangeLegalStatusRequest,
  fieldsets: () => legalStatusFieldsets('', { optional: false, legend: 'Neuer Aufenthaltsstatus' }),
  defaults: (context) => ({ effectiveOn: today(context) }),
  command: (context, body, commandContext) => map.toChangeLegalStatus(context.caseId, body as ChangeLegalStatusRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const jurisdiction: CaseAction = {
  slug: 'rechtskreis',
  title: 'Rechtskreiswechsel erfassen',
  submitLabel: 'Rechtskreiswechsel speichern',
  dto: ChangeJurisdictionRequest,
  fieldsets: () => [
    {
      legend: 'Rechtskreis',
      fields: [
        {
          name: 'to',
          label: 'Neuer Rechtskreis',
          kind: 'radio',
          required: true,
          choices: JURISDICTION_CODES.map((code) => ({ value: code, label: JURISDICTIONS[code].label })),
        },
        dateField('effectiveOn', 'Wirksam ab'),
      ],
    },
  ],
  defaults: (context) => ({ effectiveOn: today(context) }),
  command: (context, body, commandContext) => map.toChangeJurisdiction(context.caseId, body as ChangeJurisdictionRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const followUp: CaseAction = {
  slug: 'wiedervorlage',
  title: 'Wiedervorlage planen',
  submitLabel: 'Wiedervorlage speichern',
  dto: ScheduleFollowUpRequest,
  fieldsets: () => [{ legend: 'Wiedervorlage', fields: [dateField('dueOn', 'Fällig am', { hint: 'Darf in der Zukunft liegen.' }), noteField()] }],
  command: (context, body, commandContext) => map.toScheduleFollowUp(context.caseId, body as ScheduleFollowUpRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const followUpDone: CaseAction = {
  slug: 'wiedervorlage-erledigt',
  child: 'follow_up',
  title: 'Wiedervorlage erledigen',
  submitLabel: 'Als erledigt speichern',
  intro: (context) => {
    const scheduled = eventData<{ dueOn: string }>(context, 'FollowUpScheduled', 'followUpId');
    return scheduled ? [`Wiedervorlage zum ${germanDate(scheduled.dueOn)}.`] : [];
  },
  dto: CompleteFollowUpRequest,
  fieldsets: () => [{ legend: 'Erledigung', fields: [dateField('doneOn', 'Erledigt am'), noteField()] }],
  defaults: (context) => ({ doneOn: today(context) }),
  command: (context, body, commandContext) =>
    map.toCompleteFollowUp(context.caseId, context.childId ?? '', body as CompleteFollowUpRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const serviceGap: CaseAction = {
  slug: 'angebotsluecke',
  title: 'Angebotslücke melden',
  submitLabel: 'Angebotslücke melden',
  intro: () => ['Die Meldung geht an die Koordinierungsstelle. Bitte beschreiben Sie die Lücke ohne Namen von Personen.'],
  dto: ReportServiceGapRequest,
  fieldsets: () => [
    {
      legend: 'Angebotslücke',
      fields: [
        lifeAreaField(),
        { name: 'description', label: 'Beschreibung', kind: 'textarea', required: true, hint: 'Wird verschlüsselt gespeichert.' },
        { name: 'region', label: 'Region oder Gemeinde', kind: 'text', width: 'medium' },
        { name: 'clientsAffected', label: 'Wie viele Personen sind betroffen?', kind: 'integer', required: true, width: 'short' },
      ],
    },
  ],
  defaults: () => ({ clientsAffected: '1' }),
  command: (context, body, commandContext) => map.toReportServiceGap(context.caseId, body as ReportServiceGapRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

const phase: CaseAction = {
  slug: 'phase',
  title: 'Phase ändern',
  submitLabel: 'Phase speichern',
  intro: () => ['Die Phase wechselt mit der Arbeit von selbst; hier können Sie sie ausdrücklich setzen.'],
  dto: ChangePhaseRequest,
  fieldsets: () => [
    {
      legend: 'Phase',
      fields: [
        { name: 'to', label: 'Neue Phase', kind: 'radio', required: true, choices: WORKING_PHASES.map((code) => ({ value: code, label: CASE_PHASE_LABELS[code] })) },
        reasonField(false),
      ],
    },
  ],
  command: (context, body, commandContext) => map.toChangePhase(context.caseId, body as ChangePhaseRequest, commandContext),
  offered: ({ state }) => withConsent(state),
};

/** Colleagues a case can go to: the own unit's case managers, or (coordination) every unit's. */
function assigneeChoices(context: ActionContext): Choice[] {
  const unitName = new Map(context.staff.units.map((unit) => [unit.id, unit.name]));
  return context.staff.members
    .filter((member) => member.role === 'case_manager' && !member.disabled && member.userId !== context.state.caseManagerId)
    .filter((member) => context.principal.role === 'coordination' || member.organisationUnitId === context.principal.organisationUnitId)
    .map((member) => ({ value: member.userId, label: member.displayName, group: unitName.get(member.organisationUnitId ?? '') ?? 'Ohne Organisationseinheit' }))
    .sort((a, b) => a.group.localeCompare(b.group, 'de') || a.label.localeCompare(b.label, 'de'));
}

const reassign: CaseAction = {
  slug: 'uebergabe',
  title: 'Fall übergeben',
  submitLabel: 'Fall übergeben',
  intro: (context) => [
    context.principal.role === 'coordination'
      ? 'Die Koordinierungsstelle kann einen Fall an jede Fallverantwortung im Kreis übergeben, auch an eine andere Organisationseinheit.'
      : 'Sie können einen Fall an eine Kollegin oder einen Kollegen Ihrer Organisationseinheit übergeben.',
  ],
  dto: ReassignCaseRequest,
  fieldsets: (context) => [
    {
      legend: 'Übergabe',
      fields: [
        { name: 'to.caseManagerId', label: 'Neue Fallverantwortung', kind: 'select', required: true, emptyChoice: 'Bitte wählen', choices: assigneeChoices(context) },
        reasonField(true),
      ],
    },
  ],
  body: (values, context) => {
    const chosen = textOf(values, 'to.caseManagerId');
    const member = context.staff.members.find((candidate) => candidate.userId === chosen);
    const reason = textOf(values, 'reason').trim();
    return {
      to: { ...(chosen === '' ? {} : { caseManagerId: chosen }), ...(member?.organisationUnitId ? { organisationUnitId: member.organisationUnitId } : {}) },
      ...(reason === '' ? {} : { reason }),
    };
  },
  fieldOf: (problemField) => (problemField.startsWith('to') ? 'to.caseManagerId' : problemField),
  command: (context, body, commandContext) => map.toReassignCase(context.caseId, body as ReassignCaseRequest, commandContext),
  offered: ({ state }) => isOpen(state),
};

const closeCase: CaseAction = {
  slug: 'abschluss',
  title: 'Fall abschließen',
  submitLabel: 'Fall abschließen',
  intro: () => ['Ein abgeschlossener Fall kann wieder aufgenommen, korrigiert oder gelöscht werden; andere Einträge sind dann nicht mehr möglich.'],
  dto: CloseCaseRequest,
  fieldsets: () => [
    {
      legend: 'Abschluss',
      fields: [
        { name: 'closureReason', label: 'Abschlussgrund', kind: 'radio', required: true, choices: choicesOf(CLOSURE_REASON_LABELS) },
        dateField('closedOn', 'Datum des Abschlusses'),
        { name: 'summary', label: 'Zusammenfassung', kind: 'textarea', hint: 'Wird verschlüsselt gespeichert.' },
        reasonField(true),
      ],
    },
  ],
  defaults: (context) => ({ closedOn: today(context) }),
  command: (context, body, commandContext) => map.toCloseCase(context.caseId, body as CloseCaseRequest, commandContext),
  offered: ({ state }) => isOpen(state),
};

const reopen: CaseAction = {
  slug: 'wiederaufnahme',
  title: 'Fall wieder aufnehmen',
  submitLabel: 'Fall wieder aufnehmen',
  intro: () => ['Der Fall kehrt in die Phase Assessment zurück.'],
  dto: ReopenCaseRequest,
  fieldsets: () => [{ legend: 'Wiederaufnahme', fields: [dateField('reopenedOn', 'Datum der Wiederaufnahme'), reasonField(false, 'Anlass')] }],
  defaults: (context) => ({ reopenedOn: today(context) }),
  command: (context, body, commandContext) => map.toReopenCase(context.caseId, body as ReopenCaseRequest, commandContext),
  offered: ({ state }) => state.phase === 'closed' && !state.erased,
};

const correctionFieldsets = (context: ActionContext): FieldsetSpec[] => [
  {
    legend: 'Eintrag',
    fields: [
      {
        name: 'correctedEventId',
        label: 'Fehlerhafter Eintrag',
        kind: 'select',
        required: true,
        emptyChoice: 'Bitte wählen',
        choices: context.events
          .filter((event) => event.type !== 'EntryCorrected')
          .map((event) => ({ value: event.eventId, label: `Stand ${event.revision}: ${event.summary}` }))
          .reverse(),
      },
      { name: 'reason', label: 'Was war falsch?', kind: 'textarea', required: true, hint: 'Wird verschlüsselt gespeichert.' },
      { name: 'correction', label: 'Was ist richtig?', kind: 'textarea', required: true, hint: 'Wird verschlüsselt gespeichert.' },
    ],
  },
  ...legalStatusFieldsets('correctedLegalStatus', { optional: true, legend: 'Berichtigter Aufenthaltsstatus' }),
];

const correct: CaseAction = {
  slug: 'korrektur',
  title: 'Eintrag korrigieren',
  submitLabel: 'Korrektur speichern',
  intro: () => ['Einträge werden nie geändert: die Korrektur ist ein neuer Eintrag, der den fehlerhaften benennt.'],
  dto: CorrectEntryRequest,
  fieldsets: correctionFieldsets,
  body: (values, context) => {
    const body = bodyOf(correctionFieldsets(context), values);
    const corrected = context.events.find((event) => event.eventId === body.correctedEventId);
    return corrected === undefined ? body : { ...body, correctedEventType: corrected.type };
  },
  fieldOf: (problemField) => (problemField === 'correctedEventType' ? 'correctedEventId' : problemField),
  command: (context, body, commandContext) => map.toCorrectEntry(context.caseId, body as CorrectEntryRequest, commandContext),
  offered: ({ state }) => !state.erased,
};

const CONFIRMATION = 'bestaetigung';

const erase: CaseAction = {
  slug: 'loeschung',
  title: 'Personenbezogene Daten löschen',
  submitLabel: 'Endgültig löschen',
  intro: () => [
    'Der Schlüssel der Person wird vernichtet: Name, Kontaktdaten und alle Notizen dieses Falls sind danach für niemanden mehr lesbar. Ein offener Fall wird dabei abgeschlossen.',
    'Die Löschung kann nicht rückgängig gemacht werden.',
  ],
  dto: EraseClientDataRequest,
  fieldsets: () => [
    {
      legend: 'Löschung',
      fields: [
        { name: 'legalBasis', label: 'Rechtsgrundlage', kind: 'radio', required: true, choices: choicesOf(ERASURE_LEGAL_BASIS_LABELS) },
        reasonField(true),
        {
          name: CONFIRMATION,
          label: 'Bestätigung',
          kind: 'checkboxes',
          required: true,
          choices: [{ value: 'ja', label: 'Ich habe verstanden, dass die Löschung nicht rückgängig gemacht werden kann.' }],
        },
      ],
    },
  ],
  body: (values, context) => {
    const legalBasis = textOf(values, 'legalBasis');
    const reason = textOf(values, 'reason').trim();
    return { clientId: context.state.clientId, ...(legalBasis === '' ? {} : { legalBasis }), ...(reason === '' ? {} : { reason }) };
  },
  formProblems: (values) => (textOf(values, CONFIRMATION) === 'ja' ? [] : [{ field: CONFIRMATION, message: 'Bitte bestätigen Sie, dass Sie endgültig löschen wollen.' }]),
  command: (context, body, commandContext) => map.toEraseClientData(context.caseId, body as EraseClientDataRequest, commandContext),
  offered: ({ state }) => !state.erased,
};

/** Every case command of the API but opening a case (the intake has its own page), in the order the case file lists them. */
export const CASE_ACTIONS: readonly CaseAction[] = [
  consent,
  session,
  referral,
  referralOutcome,
  legalStatus,
  jurisdiction,
  assessNeeds,
  agreeGoal,
  reviewGoal,
  closeGoal,
  followUp,
  followUpDone,
  serviceGap,
  phase,
  withdrawConsent,
  reassign,
  closeCase,
  reopen,
  correct,
  erase,
];

export function caseActionOf(slug: string): CaseAction | undefined {
  return CASE_ACTIONS.find((action) => action.slug === slug);
}
