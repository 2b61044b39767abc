import type { Actor } from '../../domain/case/access.policy';
import type { CaseCommand, CommandMetadata } from '../../domain/case/case.commands';
import type { Institution } from '../../domain/case/case.events';
import {
  CLOSURE_REASONS,
  INTAKE_CHANNELS,
  type InstitutionType,
  type LifeArea,
  LIFE_AREAS,
  type NeedLevel,
  type ReferralOutcome,
  type SessionFormat,
} from '../../domain/case/case.vocabulary';
import { addDays, type CalendarDate, epochDayOf, yearOf } from '../../domain/time/calendar-date.value';
import type { SeededRandom } from './seeded-random';
import { GENDER_WEIGHTS, type IntakeStatus, ORIGINS, STREETS, TOWNS } from './synthetic-population.data';

export interface SyntheticCaseInput {
  caseId: string;
  clientId: string;
  caseManager: Actor & { organisationUnitId: string };
  /** The last day any command may be dated; histories spread over up to two years before it. */
  today: CalendarDate;
}

/** Where case managers refer to, with the life area it serves. */
const REFERRAL_TARGETS: ReadonlyArray<readonly [InstitutionType, string, LifeArea]> = [
  ['job_centre', 'Jobcenter Kreis Heinsberg', 'work_and_income'],
  ['integration_course', 'VHS Kreis Heinsberg, Integrationskurs', 'language'],
  ['language_course', 'Sprachschule Erkelenz', 'language'],
  ['immigration_office', 'Ausländerbehörde Kreis Heinsberg', 'residence_law'],
  ['adult_migration_counselling', 'MBE Caritas Heinsberg', 'first_orientation'],
  ['youth_migration_service', 'JMD Heinsberg', 'education_and_training'],
  ['recognition_counselling', 'IQ Anerkennungsberatung Aachen', 'recognition_of_qualifications'],
  ['housing', 'Wohnungsamt Geilenkirchen', 'housing'],
  ['debt_counselling', 'Schuldnerberatung Diakonie', 'finances_and_debts'],
  ['daycare', 'Kita-Platzvergabe Kreis Heinsberg', 'family_and_childcare'],
  ['health', 'Gesundheitsamt Kreis Heinsberg', 'health'],
];

const SESSION_FORMATS: ReadonlyArray<readonly [SessionFormat, number]> = [
  ['office', 50],
  ['home_visit', 15],
  ['outreach', 10],
  ['phone', 15],
  ['video', 3],
  ['accompaniment', 7],
];

const OUTCOMES: ReadonlyArray<readonly [ReferralOutcome, number]> = [
  ['taken_up', 45],
  ['completed', 25],
  ['declined', 8],
  ['no_show', 10],
  ['no_answer', 12],
];

const GOAL_TEXTS: Partial<Record<LifeArea, string[]>> = {
  language: ['B1-Prüfung bestehen', 'Integrationskurs abschließen', 'Alltagsdeutsch für Behördengänge'],
  work_and_income: ['Ausbildungsplatz finden', 'Arbeitsstelle in Teilzeit finden', 'Leistungsantrag vollständig stellen'],
  housing: ['Eigene Wohnung finden', 'Mietschulden klären'],
  residence_law: ['Aufenthaltserlaubnis sichern', 'Unterlagen für die Verlängerung vollständig', 'Einbürgerung vorbereiten'],
  recognition_of_qualifications: ['Berufsabschluss anerkennen lassen'],
  family_and_childcare: ['Kita-Platz für das jüngste Kind', 'Schulanmeldung der Kinder'],
  health: ['Hausarzt finden', 'Krankenversicherung klären'],
};

const NOTES = [
  'Unterlagen gemeinsam sortiert, Kopien für die Behörde erstellt.',
  'Termin beim Jobcenter vorbereitet, Fragen zur Anrechnung besprochen.',
  'Telefonat mit der Ausländerbehörde, Rückruf zugesagt.',
  'Familie berichtet von Problemen mit dem Vermieter.',
  'Kursanmeldung ausgefüllt, Fahrtkosten geklärt.',
  'Schreiben der Krankenkasse übersetzt und erklärt.',
  'Begleitung zum Termin, Antrag abgegeben.',
];

/**
 * One client's plausible two-year history as the commands a case manager would have sent, in date order:
 * intake with consent, residence status and jurisdiction, an assessment, goals, sessions every few weeks,
 * referrals with their outcomes, follow-ups, status changes (recognition, §25b) with the jurisdiction change
 * they bring, and for some a closure. Every command passes the decider (a test checks many seeds).
 */
export function syntheticCaseCommands(random: SeededRandom, input: SyntheticCaseInput): CaseCommand[] {
  const commands: CaseCommand[] = [];
  const { caseId, clientId, caseManager, today } = input;
  const openedOn = addDays(today, -random.int(30, 720));
  const at = (date: CalendarDate, reason?: string): CommandMetadata => ({
    now: `${date}T15:00:00Z`,
    actor: caseManager,
    ...(reason ? { reason } : {}),
  });
  const origin = random.weighted(ORIGINS.map((o) => [o, o.weight] as const));
  const gender = random.weighted(GENDER_WEIGHTS);
  const names = origin.givenNames[gender === 'male' ? 'male' : 'female'];
  const familyName = random.pick(origin.familyNames);
  const birthYear = yearOf(today) - random.int(17, 64);
  const [town, postalCode] = random.pick(TOWNS);
  const arrivalYear = Math.min(yearOf(openedOn), yearOf(today) - random.int(0, 6));
  const intake: IntakeStatus = random.weighted(origin.intake);

  commands.push({
    type: 'OpenCase',
    data: {
      caseId,
      clientId,
      organisationUnitId: caseManager.organisationUnitId,
      districtId: caseManager.districtId,
      caseManagerId: caseManager.userId,
      openedOn,
      channel: random.pick(INTAKE_CHANNELS.filter((c) => c !== 'referred_by_institution')),
      referredBy: null,
      entryCriteria: random.sample(['complex_needs', 'several_agencies_involved', 'no_other_case_management', 'jurisdiction_change_pending'] as const, random.int(1, 3)),
      client: {
        personal: {
          givenName: random.pick(names),
          familyName,
          dateOfBirth: `${birthYear}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
          contact: { phone: `+49 15${random.int(1, 9)} ${random.int(1000000, 9999999)}`, email: null },
          address: { street: `${random.pick(STREETS)} ${random.int(1, 120)}`, postalCode, city: town },
        },
        profile: {
          birthYear,
          gender,
          countryOfOrigin: origin.country,
          languages: origin.languages.slice(0, random.int(1, origin.languages.length)),
          arrivalYearInGermany: arrivalYear,
          arrivalYearInDistrict: arrivalYear,
          householdSize: random.int(1, 6),
        },
      },
    },
    metadata: at(openedOn),
  });
  commands.push({
    type: 'RecordConsent',
    data: { caseId, purpose: 'case_management', recipient: null, formVersion: 'KIM-EW-2024-1', language: origin.languages[0], givenOn: openedOn },
    metadata: at(openedOn),
  });
  if (random.chance(0.7)) {
    commands.push({
      type: 'RecordConsent',
      data: { caseId, purpose: 'reporting', recipient: null, formVersion: 'KIM-EW-2024-1', language: origin.languages[0], givenOn: openedOn },
      metadata: at(openedOn),
    });
  }
  const statusFrom = addDays(openedOn, -random.int(30, 400));
  commands.push({
    type: 'ChangeLegalStatus',
    data: {
      caseId,
      status: {
        category: intake.category,
        legalBasis: intake.legalBasis,
        document: intake.document,
        validFrom: statusFrom,
        validUntil: intake.category === 'eu_free_movement' ? null : addDays(statusFrom, random.int(180, 1095)),
      },
      effectiveOn: openedOn,
      source: 'document_seen',
    },
    metadata: at(openedOn),
  });
  if (intake.jurisdiction !== 'none') {
    commands.push({ type: 'ChangeJurisdiction', data: { caseId, to: intake.jurisdiction, effectiveOn: openedOn }, metadata: at(openedOn) });
  }

  // The timeline after intake: each step moves the date forward, never past today.
  let date = openedOn;
  const advance = (min: number, max: number): boolean => {
    const next = addDays(date, random.int(min, max));
    if (next > today) return false;
    date = next;
    return true;
  };
  const closeAfter = random.chance(0.35) ? random.int(90, 600) : null;
  const endDay = closeAfter === null ? epochDayOf(today) : Math.min(epochDayOf(today), epochDayOf(openedOn) + closeAfter);

  if (!advance(2, 10)) return commands;
  const areas = random.sample(LIFE_AREAS, random.int(3, 6));
  commands.push({
    type: 'AssessNeeds',
    data: { caseId, assessedOn: date, needs: areas.map((lifeArea) => ({ lifeArea, level: random.int(1, 3) as NeedLevel, note: random.chance(0.3) ? random.pick(NOTES) : null })) },
    metadata: at(date),
  });

  const goals: Array<{ id: string; agreedOn: CalendarDate }> = [];
  if (advance(3, 14)) {
    for (const lifeArea of areas.filter((a) => GOAL_TEXTS[a]).slice(0, random.int(1, 3))) {
      const goalId = `${caseId}-goal-${goals.length + 1}`;
      goals.push({ id: goalId, agreedOn: date });
      commands.push({
        type: 'AgreeGoal',
        data: { caseId, goalId, lifeArea, text: random.pick(GOAL_TEXTS[lifeArea] as string[]), targetOn: addDays(date, random.int(90, 365)), agreedOn: date },
        metadata: at(date),
      });
    }
  }

  const openReferrals: Array<{ id: string; on: CalendarDate }> = [];
  const sharingConsents = new Set<string>();
  let referrals = 0;
  let followUps = 0;
  let status = intake;
  let statusChanged = false;
  while (advance(7, 35) && epochDayOf(date) <= endDay) {
    const sessionAreas = random.sample(areas, random.int(1, 2));
    commands.push({
      type: 'RecordCounsellingSession',
      data: {
        caseId,
        heldOn: date,
        durationMinutes: random.pick([30, 45, 60, 60, 90, 120]),
        format: random.weighted(SESSION_FORMATS),
        lifeAreas: sessionAreas,
        interpreterLanguage: random.chance(0.35) ? origin.languages[0] : null,
        householdMembersPresent: random.int(0, 3),
        note: random.chance(0.6) ? random.pick(NOTES) : null,
      },
      metadata: at(date),
    });
    if (referrals < 4 && random.chance(0.3)) {
      const [type, name, lifeArea] = random.pick(REFERRAL_TARGETS);
      const institution: Institution = { type, name };
      const sharesData = random.chance(0.5);
      if (sharesData && !sharingConsents.has(name)) {
        sharingConsents.add(name);
        commands.push({
          type: 'RecordConsent',
          data: { caseId, purpose: 'data_sharing', recipient: institution, formVersion: 'KIM-SE-2024-1', language: origin.languages[0], givenOn: date },
          metadata: at(date),
        });
      }
      const referralId = `${caseId}-referral-${++referrals}`;
      openReferrals.push({ id: referralId, on: date });
      commands.push({
        type: 'MakeReferral',
        data: { caseId, referralId, institution, lifeArea, reason: random.chance(0.5) ? random.pick(NOTES) : null, sharesData, referredOn: date },
        metadata: at(date),
      });
    }
    const answered = openReferrals.filter((r) => epochDayOf(date) - epochDayOf(r.on) >= 14 && random.chance(0.6));
    for (const referral of answered) {
      openReferrals.splice(openReferrals.indexOf(referral), 1);
      commands.push({ type: 'RecordReferralOutcome', data: { caseId, referralId: referral.id, outcome: random.weighted(OUTCOMES), outcomeOn: date }, metadata: at(date) });
    }
    if (followUps < 6 && random.chance(0.25)) {
      const followUpId = `${caseId}-follow-up-${++followUps}`;
      commands.push({ type: 'ScheduleFollowUp', data: { caseId, followUpId, dueOn: addDays(date, random.int(7, 60)), note: null }, metadata: at(date) });
      if (random.chance(0.7) && advance(3, 20)) {
        commands.push({ type: 'CompleteFollowUp', data: { caseId, followUpId, doneOn: date, note: null }, metadata: at(date) });
      }
    }
    const next = statusChange(status, statusChanged, random);
    if (next) {
      status = next;
      statusChanged = true;
      commands.push({
        type: 'ChangeLegalStatus',
        data: {
          caseId,
          status: { category: next.category, legalBasis: next.legalBasis, document: next.document, validFrom: date, validUntil: addDays(date, random.int(365, 1095)) },
          effectiveOn: date,
          source: 'authority_notice',
        },
        metadata: at(date),
      });
      commands.push({ type: 'ChangeJurisdiction', data: { caseId, to: next.jurisdiction, effectiveOn: date }, metadata: at(date) });
    }
    if (goals.length > 0 && random.chance(0.15)) {
      const goal = random.pick(goals);
      commands.push({
        type: 'ReviewGoal',
        data: { caseId, goalId: goal.id, reviewedOn: date, progress: random.pick(['on_track', 'delayed', 'stalled'] as const), revisedTargetOn: null, note: null },
        metadata: at(date),
      });
    }
    if (random.chance(0.02)) {
      commands.push({
        type: 'ReportServiceGap',
        data: { caseId, lifeArea: random.pick(areas), description: 'Kein passendes Angebot in erreichbarer Nähe.', region: town, clientsAffected: random.int(1, 12) },
        metadata: at(date),
      });
    }
  }

  if (closeAfter !== null && epochDayOf(date) <= endDay + 35) {
    for (const goal of goals) {
      commands.push({ type: 'CloseGoal', data: { caseId, goalId: goal.id, outcome: random.pick(['achieved', 'achieved', 'partly_achieved', 'dropped'] as const), closedOn: date, note: null }, metadata: at(date) });
    }
    commands.push({
      type: 'CloseCase',
      data: { caseId, closureReason: random.pick(CLOSURE_REASONS), closedOn: date, summary: null },
      metadata: at(date, 'Abschluss nach Abschlussgespräch'),
    });
  }
  return commands;
}

/** Recognition ends the asylum procedure; a Duldung may become a right to stay. Once per history. */
function statusChange(current: IntakeStatus, alreadyChanged: boolean, random: SeededRandom): IntakeStatus | null {
  if (alreadyChanged) return null;
  if (current.category === 'asylum_seeker' && random.chance(0.06)) {
    return { category: 'residence_permit', legalBasis: 'aufenthg_25_2', document: 'electronic_residence_title', jurisdiction: 'sgb_ii' };
  }
  if (current.category === 'tolerated' && random.chance(0.03)) {
    return { category: 'residence_permit', legalBasis: 'aufenthg_25b', document: 'electronic_residence_title', jurisdiction: 'sgb_ii' };
  }
  return null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
