import type { PresentedEvent } from '../../../application/case-reading/case-event.presenter';
import type { CaseFile } from '../../../application/case-reading/get-case-file.query';
import { DEFAULT_CASELOAD_OPTIONS } from '../../../application/caseload/caseload.options';
import type { LegalStatusTimelineView, ResidenceStatusEntry } from '../../../application/legal-status-timeline/legal-status-timeline.view';
import { caseManagementConsent, type OpenedCaseState } from '../../../domain/case/case.state';
import type { CaseEventOfType, CaseEventType, ClientPersonalData, LegalStatusRecord } from '../../../domain/case/case.events';
import { CASE_PHASE_LABELS } from '../../../domain/case/case.phase';
import {
  CONSENT_PURPOSE_LABELS,
  ENTRY_CRITERION_LABELS,
  GENDER_LABELS,
  GOAL_OUTCOME_LABELS,
  GOAL_PROGRESS_LABELS,
  INSTITUTION_TYPE_LABELS,
  INTAKE_CHANNEL_LABELS,
  LIFE_AREA_LABELS,
  NEED_LEVEL_LABELS,
  REFERRAL_OUTCOME_LABELS,
  SESSION_FORMAT_LABELS,
} from '../../../domain/case/case.vocabulary';
import { JURISDICTIONS } from '../../../domain/residence-law/benefit-jurisdiction.vocabulary';
import { permitValidity } from '../../../domain/residence-law/permit-validity.policy';
import { LEGAL_BASES, RESIDENCE_CATEGORIES, RESIDENCE_DOCUMENTS, STATUS_SOURCES } from '../../../domain/residence-law/residence-status.taxonomy';
import { type CalendarDate, epochDayOf } from '../../../domain/time/calendar-date.value';
import type { StaffNames } from '../../identity/staff-directory.repository';
import { countryName, languageName } from '../forms/choices';
import { counted, germanDate, germanInstant } from '../rendering/german-format';
import { personalLine, personalObject } from './personal-value';

export interface Row {
  label: string;
  value: string;
}

/** A flag says in words what needs attention; its colour only repeats it. */
export interface Flag {
  kind: 'overdue' | 'expired' | 'expiring' | 'old' | 'ok' | 'closed';
  text: string;
}

export interface SessionView {
  heldOn: string;
  format: string;
  duration: string;
  lifeAreas: string;
  interpreter: string;
  householdMembers: string;
  note: string;
  by: string;
}

export interface ReferralView {
  referralId: string;
  institution: string;
  lifeArea: string;
  referredOn: string;
  sharesData: string;
  reason: string;
  open: boolean;
  outcome: string | null;
  flag: Flag;
  outcomeHref: string | null;
}

export interface GoalView {
  goalId: string;
  lifeArea: string;
  text: string;
  agreedOn: string;
  targetOn: string;
  open: boolean;
  flag: Flag;
  reviews: string[];
  reviewHref: string | null;
  closeHref: string | null;
}

export interface FollowUpView {
  followUpId: string;
  dueOn: string;
  note: string;
  flag: Flag;
  doneHref: string | null;
}

export interface AssessmentView {
  assessedOn: string;
  needs: Array<{ lifeArea: string; level: string; note: string }>;
}

export interface HistoryEntryView {
  revision: number;
  label: string;
  summary: string;
  occurredAt: string;
  by: string;
  /** Set when a later correction names this entry. */
  correctedBy: number | null;
  isNew: boolean;
}

export interface LegalStatusView {
  current: { rows: Row[]; flag: Flag | null } | null;
  jurisdiction: string;
  entries: Array<{ effectiveOn: string; kind: string; text: string; detail: string; corrected: boolean; current: boolean }>;
  /** The timeline read model could not be read: the current status shown comes from the case itself. */
  fromCaseOnly: boolean;
}

export interface CaseFileView {
  caseId: string;
  revision: number;
  clientName: string;
  erased: boolean;
  closed: boolean;
  status: Row[];
  person: Row[];
  profile: Row[];
  intake: Row[];
  legalStatus: LegalStatusView;
  sessions: SessionView[];
  referrals: ReferralView[];
  goals: GoalView[];
  followUps: FollowUpView[];
  assessments: AssessmentView[];
  consents: Array<{ purpose: string; givenOn: string; state: string }>;
  history: HistoryEntryView[];
}

export interface CaseFileViewOptions {
  today: CalendarDate;
  staff: StaffNames;
  timeline: LegalStatusTimelineView | null;
  /** Revisions recorded by the request that led here, highlighted in the history. */
  newRevisions: ReadonlySet<number>;
}

type Data<T extends CaseEventType> = CaseEventOfType<T>['data'];

function ofType<T extends CaseEventType>(events: readonly PresentedEvent[], type: T): Array<{ event: PresentedEvent; data: Data<T> }> {
  return events.filter((event) => event.type === type).map((event) => ({ event, data: event.data as Data<T> }));
}

const label = (labels: Readonly<Record<string | number, string>>, code: string | number | null | undefined): string =>
  code !== null && code !== undefined && Object.prototype.hasOwnProperty.call(labels, code) ? labels[code] : '–';

export function caseFileView(file: CaseFile, state: OpenedCaseState, options: CaseFileViewOptions): CaseFileView {
  const events = file.events;
  const who = (event: PresentedEvent) => options.staff.users.get(event.actor.userId) ?? event.actor.userId;
  const base = `/faelle/${encodeURIComponent(file.caseId)}/aktion`;
  const open = state.phase !== 'closed' && !state.erased;
  const opened = ofType(events, 'CaseOpened')[0]?.data;
  const identity = personalObject<ClientPersonalData>(opened?.client.personal);
  const clientName =
    identity.kind === 'open'
      ? `${identity.value.familyName}, ${identity.value.givenName}`
      : identity.kind === 'erased' || state.erased
        ? 'Person gelöscht'
        : identity.kind === 'masked'
          ? 'Person (maskiert)'
          : 'Person';

  const corrections = new Map(ofType(events, 'EntryCorrected').map(({ event, data }) => [data.correctedEventId, event.revision]));
  return {
    caseId: file.caseId,
    revision: file.revision,
    clientName,
    erased: state.erased,
    closed: state.phase === 'closed',
    status: statusRows(state, options.staff),
    person: personRows(identity),
    profile: opened ? profileRows(opened.client.profile) : [],
    intake: opened
      ? [
          { label: 'Fallaufnahme am', value: germanDate(opened.openedOn) },
          { label: 'Zugangsweg', value: label(INTAKE_CHANNEL_LABELS, opened.channel) },
          { label: 'Vermittelt durch', value: opened.referredBy ? `${label(INSTITUTION_TYPE_LABELS, opened.referredBy.type)}: ${opened.referredBy.name}` : '–' },
          { label: 'Zugangskriterien', value: opened.entryCriteria.map((code) => label(ENTRY_CRITERION_LABELS, code)).join(', ') || '–' },
        ]
      : [],
    legalStatus: legalStatusView(state, options.timeline, options.today),
    sessions: ofType(events, 'CounsellingSessionHeld')
      .map(({ event, data }) => ({
        heldOn: germanDate(data.heldOn),
        format: label(SESSION_FORMAT_LABELS, data.format),
        duration: `${data.durationMinutes} Minuten`,
        lifeAreas: data.lifeAreas.map((area) => label(LIFE_AREA_LABELS, area)).join(', ') || '–',
        interpreter: data.interpreterLanguage ? languageName(data.interpreterLanguage) : 'ohne',
        householdMembers: String(data.householdMembersPresent),
        note: personalLine(data.note),
        by: who(event),
      }))
      .reverse(),
    referrals: referralViews(events, options.today, open ? base : null),
    goals: goalViews(events, options.today, open ? base : null),
    followUps: followUpViews(events, options.today, open ? base : null),
    assessments: ofType(events, 'NeedsAssessed')
      .map(({ data }) => ({
        assessedOn: germanDate(data.assessedOn),
        needs: data.needs.map((need) => ({ lifeArea: label(LIFE_AREA_LABELS, need.lifeArea), level: label(NEED_LEVEL_LABELS, need.level), note: personalLine(need.note) })),
      }))
      .reverse(),
    consents: consentViews(events),
    history: events
      .map((event) => ({
        revision: event.revision,
        label: event.label,
        summary: event.summary,
        occurredAt: germanInstant(event.occurredAt),
        by: who(event),
        correctedBy: corrections.get(event.eventId) ?? null,
        isNew: options.newRevisions.has(event.revision),
      }))
      .reverse(),
  };
}

function statusRows(state: OpenedCaseState, staff: StaffNames): Row[] {
  const consent = caseManagementConsent(state);
  return [
    { label: 'Phase', value: CASE_PHASE_LABELS[state.phase] + (state.closedOn ? ` (seit ${germanDate(state.closedOn)})` : '') },
    { label: 'Fallverantwortung', value: staff.users.get(state.caseManagerId) ?? state.caseManagerId },
    { label: 'Organisationseinheit', value: staff.units.get(state.organisationUnitId) ?? state.organisationUnitId },
    {
      label: 'Einwilligung Case Management',
      value: consent === 'given' ? 'liegt vor' : consent === 'withdrawn' ? 'widerrufen – keine weiteren Einträge möglich' : 'fehlt noch',
    },
    { label: 'Rechtskreis', value: state.jurisdiction ? JURISDICTIONS[state.jurisdiction].label : 'nicht erfasst' },
    ...(state.erased ? [{ label: 'Personenbezogene Daten', value: 'gelöscht (Schlüssel vernichtet)' }] : []),
  ];
}

function personRows(identity: ReturnType<typeof personalObject<ClientPersonalData>>): Row[] {
  if (identity.kind !== 'open') {
    const text = identity.kind === 'erased' ? '(gelöscht)' : identity.kind === 'masked' ? '●●●● (maskiert)' : '–';
    return [{ label: 'Name', value: text }];
  }
  const person = identity.value;
  return [
    { label: 'Name', value: `${person.givenName} ${person.familyName}` },
    { label: 'Geburtsdatum', value: germanDate(person.dateOfBirth) },
    { label: 'Telefon', value: person.contact?.phone ?? '–' },
    { label: 'E-Mail', value: person.contact?.email ?? '–' },
    { label: 'Anschrift', value: person.address ? `${person.address.street}, ${person.address.postalCode} ${person.address.city}` : '–' },
  ];
}

function profileRows(profile: Data<'CaseOpened'>['client']['profile']): Row[] {
  return [
    { label: 'Geschlecht', value: label(GENDER_LABELS, profile.gender) },
    { label: 'Geburtsjahr', value: profile.birthYear === null ? '–' : String(profile.birthYear) },
    { label: 'Herkunftsland', value: profile.countryOfOrigin ? countryName(profile.countryOfOrigin) : '–' },
    { label: 'Sprachen', value: profile.languages.map(languageName).join(', ') || '–' },
    { label: 'Einreise nach Deutschland', value: profile.arrivalYearInGermany === null ? '–' : String(profile.arrivalYearInGermany) },
    { label: 'Zuzug in den Kreis', value: profile.arrivalYearInDistrict === null ? '–' : String(profile.arrivalYearInDistrict) },
    { label: 'Personen im Haushalt', value: profile.householdSize === null ? '–' : String(profile.householdSize) },
  ];
}

function statusRowsOf(record: Pick<LegalStatusRecord, 'effectiveOn' | 'source'> & { status: LegalStatusRecord['status'] }): Row[] {
  const { status } = record;
  return [
    { label: 'Status', value: RESIDENCE_CATEGORIES[status.category] },
    { label: 'Rechtsgrundlage', value: `${LEGAL_BASES[status.legalBasis].paragraph} – ${LEGAL_BASES[status.legalBasis].label}` },
    { label: 'Dokument', value: RESIDENCE_DOCUMENTS[status.document] },
    { label: 'Gültig', value: `${status.validFrom ? `ab ${germanDate(status.validFrom)}` : ''}${status.validUntil ? ` bis ${germanDate(status.validUntil)}` : ' unbefristet'}`.trim() },
    { label: 'Für den Fall wirksam ab', value: germanDate(record.effectiveOn) },
    { label: 'Quelle', value: STATUS_SOURCES[record.source] },
  ];
}

export function validityFlag(status: { validFrom: CalendarDate | null; validUntil: CalendarDate | null }, today: CalendarDate): Flag | null {
  const validity = permitValidity(status, today);
  const days = status.validUntil === null ? 0 : epochDayOf(status.validUntil) - epochDayOf(today);
  switch (validity) {
    case 'expired':
      return { kind: 'expired', text: `✖ abgelaufen seit ${counted(-days, 'Tag', 'Tagen')}` };
    case 'expiring_soon':
      return { kind: 'expiring', text: `⚠ läuft in ${counted(days, 'Tag', 'Tagen')} ab` };
    case 'not_yet_valid':
      return { kind: 'ok', text: 'noch nicht gültig' };
    default:
      return null;
  }
}

function legalStatusView(state: OpenedCaseState, timeline: LegalStatusTimelineView | null, today: CalendarDate): LegalStatusView {
  const jurisdiction = state.jurisdiction ? JURISDICTIONS[state.jurisdiction].label : 'nicht erfasst';
  const current = state.legalStatus === null ? null : { rows: statusRowsOf(state.legalStatus), flag: validityFlag(state.legalStatus.status, today) };
  if (timeline === null) return { current, jurisdiction, entries: [], fromCaseOnly: true };
  return {
    current,
    jurisdiction,
    fromCaseOnly: false,
    entries: timeline.entries.map((entry) =>
      entry.kind === 'jurisdiction_change'
        ? {
            effectiveOn: germanDate(entry.effectiveOn),
            kind: 'Rechtskreiswechsel',
            text: `${entry.from ? entry.from.label : 'bisher keiner erfasst'} → ${entry.to.label}`,
            detail: entry.to.office ? `zuständig: ${entry.to.office}` : '',
            corrected: false,
            current: false,
          }
        : residenceEntry(entry),
    ),
  };
}

function residenceEntry(entry: ResidenceStatusEntry) {
  const validity = [entry.validFrom ? `ab ${germanDate(entry.validFrom)}` : '', entry.validUntil ? `bis ${germanDate(entry.validUntil)}` : 'unbefristet']
    .filter((part) => part !== '')
    .join(' ');
  return {
    effectiveOn: germanDate(entry.effectiveOn),
    kind: 'Aufenthaltsstatus',
    text: `${entry.category.label}, ${entry.legalBasis.paragraph} (${entry.legalBasis.label})`,
    detail: `gültig ${validity}; ${entry.document.label}; Quelle: ${entry.source.label}`,
    corrected: entry.corrections.length > 0,
    current: entry.current,
  };
}

function referralViews(events: readonly PresentedEvent[], today: CalendarDate, base: string | null): ReferralView[] {
  const outcomes = new Map(ofType(events, 'ReferralOutcomeRecorded').map(({ data }) => [data.referralId, data]));
  return ofType(events, 'ReferralMade')
    .map(({ data }) => {
      const outcome = outcomes.get(data.referralId);
      const age = epochDayOf(today) - epochDayOf(data.referredOn);
      const old = age > DEFAULT_CASELOAD_OPTIONS.oldReferralAfterDays;
      const flag: Flag = outcome
        ? { kind: 'closed', text: `Ergebnis: ${label(REFERRAL_OUTCOME_LABELS, outcome.outcome)} (${germanDate(outcome.outcomeOn)})` }
        : old
          ? { kind: 'old', text: `⚠ seit ${counted(age, 'Tag', 'Tagen')} offen – bitte nachfragen` }
          : { kind: 'ok', text: `offen seit ${counted(age, 'Tag', 'Tagen')}` };
      return {
        referralId: data.referralId,
        institution: `${label(INSTITUTION_TYPE_LABELS, data.institution.type)}: ${data.institution.name}`,
        lifeArea: label(LIFE_AREA_LABELS, data.lifeArea),
        referredOn: germanDate(data.referredOn),
        sharesData: data.sharesData ? 'mit Datenweitergabe' : 'ohne Datenweitergabe',
        reason: personalLine(data.reason),
        open: outcome === undefined,
        outcome: outcome ? label(REFERRAL_OUTCOME_LABELS, outcome.outcome) : null,
        flag,
        outcomeHref: outcome === undefined && base ? `${base}/weiterleitung-ergebnis/${encodeURIComponent(data.referralId)}` : null,
      };
    })
    .reverse();
}

function goalViews(events: readonly PresentedEvent[], today: CalendarDate, base: string | null): GoalView[] {
  const reviews = ofType(events, 'GoalReviewed');
  const closures = new Map(ofType(events, 'GoalClosed').map(({ data }) => [data.goalId, data]));
  return ofType(events, 'GoalAgreed').map(({ data }) => {
    const closed = closures.get(data.goalId);
    const ownReviews = reviews.filter((review) => review.data.goalId === data.goalId).map((review) => review.data);
    const target = ownReviews.reduce<CalendarDate | null>((latest, review) => review.revisedTargetOn ?? latest, data.targetOn);
    const flag: Flag = closed
      ? { kind: 'closed', text: `abgeschlossen: ${label(GOAL_OUTCOME_LABELS, closed.outcome)} (${germanDate(closed.closedOn)})` }
      : target !== null && target < today
        ? { kind: 'overdue', text: `⚠ Zieldatum ${germanDate(target)} überschritten` }
        : { kind: 'ok', text: 'offen' };
    const goal = encodeURIComponent(data.goalId);
    return {
      goalId: data.goalId,
      lifeArea: label(LIFE_AREA_LABELS, data.lifeArea),
      text: personalLine(data.text),
      agreedOn: germanDate(data.agreedOn),
      targetOn: germanDate(target),
      open: closed === undefined,
      flag,
      reviews: ownReviews.map(
        (review) => `${germanDate(review.reviewedOn)}: ${label(GOAL_PROGRESS_LABELS, review.progress)}${review.note ? ` – ${personalLine(review.note)}` : ''}`,
      ),
      reviewHref: closed === undefined && base ? `${base}/ziel-ueberpruefen/${goal}` : null,
      closeHref: closed === undefined && base ? `${base}/ziel-abschliessen/${goal}` : null,
    };
  });
}

function followUpViews(events: readonly PresentedEvent[], today: CalendarDate, base: string | null): FollowUpView[] {
  const done = new Map(ofType(events, 'FollowUpDone').map(({ data }) => [data.followUpId, data]));
  return ofType(events, 'FollowUpScheduled')
    .map(({ data }) => {
      const completed = done.get(data.followUpId);
      const flag: Flag = completed
        ? { kind: 'closed', text: `erledigt am ${germanDate(completed.doneOn)}` }
        : data.dueOn < today
          ? { kind: 'overdue', text: `⚠ überfällig seit ${germanDate(data.dueOn)}` }
          : { kind: 'ok', text: 'offen' };
      return {
        followUpId: data.followUpId,
        dueOn: germanDate(data.dueOn),
        note: personalLine(data.note),
        flag,
        doneHref: completed === undefined && base ? `${base}/wiedervorlage-erledigt/${encodeURIComponent(data.followUpId)}` : null,
        sortKey: data.dueOn,
      };
    })
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ sortKey: _sortKey, ...view }) => view);
}

function consentViews(events: readonly PresentedEvent[]) {
  const withdrawals = ofType(events, 'ConsentWithdrawn');
  return ofType(events, 'ConsentRecorded').map(({ event, data }) => {
    const recipient = data.recipient ? ` (${label(INSTITUTION_TYPE_LABELS, data.recipient.type)}: ${data.recipient.name})` : '';
    const withdrawn = withdrawals.find(
      (withdrawal) =>
        withdrawal.event.revision > event.revision &&
        withdrawal.data.purpose === data.purpose &&
        withdrawal.data.recipient?.name === data.recipient?.name &&
        withdrawal.data.recipient?.type === data.recipient?.type,
    );
    return {
      purpose: `${label(CONSENT_PURPOSE_LABELS, data.purpose)}${recipient}`,
      givenOn: germanDate(data.givenOn),
      state: withdrawn ? `widerrufen am ${germanDate(withdrawn.data.withdrawnOn)}` : `erteilt (Formular ${data.formVersion}, Sprache ${languageName(data.language)})`,
    };
  });
}
