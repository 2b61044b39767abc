import { v5 as uuidV5 } from 'uuid';
import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import type { Actor } from '../../src/domain/case/access.policy';
import type { CaseCommand, CommandMetadata } from '../../src/domain/case/case.commands';
import { decide } from '../../src/domain/case/case.decider';
import { CASE_EVENT_SCHEMA_VERSIONS, type ClientProfile } from '../../src/domain/case/case.events';
import { evolve, initialState, type CaseState } from '../../src/domain/case/case.state';
import type { GoalOutcome, InstitutionType, LifeArea, NeedLevel, ReferralOutcome, SessionFormat, ClosureReason } from '../../src/domain/case/case.vocabulary';
import type { Jurisdiction } from '../../src/domain/residence-law/benefit-jurisdiction.vocabulary';
import type { LegalBasis, ResidenceCategory } from '../../src/domain/residence-law/residence-status.taxonomy';
import type { CalendarDate } from '../../src/domain/time/calendar-date.value';

/**
 * Case histories written as the commands a case manager sends, run through the real decider, and stored as
 * the event log would hold them. Every command says when it was entered (`recordedOn`, the day the store
 * accepted it): by default the day it is about, later for a late entry. Names and notes carry "PII" so a
 * test can prove none of it reaches a report.
 */

const NAMESPACE = '6f1f2d5c-3c1e-4e0a-9f59-0e3f3b1a7d21';

export interface CaseSpec {
  caseId: string;
  clientId: string;
  districtId: string;
  organisationUnitId: string;
  caseManagerId: string;
  openedOn: CalendarDate;
  profile: Partial<ClientProfile>;
}

interface Entry {
  command: CaseCommand;
  recordedAt: string;
}

export class CaseScript {
  private readonly entries: Entry[] = [];
  private reassignedTo: { organisationUnitId: string; caseManagerId: string } | null = null;

  constructor(readonly spec: CaseSpec) {
    this.add(spec.openedOn, {
      type: 'OpenCase',
      data: {
        caseId: spec.caseId,
        clientId: spec.clientId,
        organisationUnitId: spec.organisationUnitId,
        districtId: spec.districtId,
        caseManagerId: spec.caseManagerId,
        openedOn: spec.openedOn,
        channel: 'office',
        referredBy: null,
        entryCriteria: ['complex_needs'],
        client: {
          personal: {
            givenName: `Vorname PII ${spec.clientId}`,
            familyName: 'Nachname PII',
            dateOfBirth: null,
            contact: { phone: '+49 2452 PII', email: null },
            address: { street: 'Musterweg 1 PII', postalCode: '52525', city: 'Heinsberg PII' },
          },
          profile: { birthYear: null, gender: 'not_stated', countryOfOrigin: null, languages: [], arrivalYearInGermany: null, arrivalYearInDistrict: null, householdSize: null, ...spec.profile },
        },
      },
    });
    this.add(spec.openedOn, { type: 'RecordConsent', data: { caseId: spec.caseId, purpose: 'case_management', recipient: null, formVersion: 'F1', language: 'de', givenOn: spec.openedOn } });
  }

  status(on: CalendarDate, category: ResidenceCategory, legalBasis: LegalBasis, options: { recordedOn?: CalendarDate } = {}): this {
    return this.add(
      on,
      { type: 'ChangeLegalStatus', data: { caseId: this.spec.caseId, status: { category, legalBasis, document: 'other', validFrom: on, validUntil: null }, effectiveOn: on, source: 'document_seen' } },
      options.recordedOn,
    );
  }

  jurisdiction(on: CalendarDate, to: Jurisdiction): this {
    return this.add(on, { type: 'ChangeJurisdiction', data: { caseId: this.spec.caseId, to, effectiveOn: on } });
  }

  session(on: CalendarDate, format: SessionFormat, minutes: number, options: { interpreter?: boolean; household?: number; recordedOn?: CalendarDate } = {}): this {
    return this.add(
      on,
      {
        type: 'RecordCounsellingSession',
        data: {
          caseId: this.spec.caseId,
          heldOn: on,
          durationMinutes: minutes,
          format,
          lifeAreas: ['language'],
          interpreterLanguage: options.interpreter ? 'ar' : null,
          householdMembersPresent: options.household ?? 0,
          note: 'Gesprächsnotiz PII',
        },
      },
      options.recordedOn,
    );
  }

  assess(on: CalendarDate, needs: Array<[LifeArea, NeedLevel]>): this {
    return this.add(on, { type: 'AssessNeeds', data: { caseId: this.spec.caseId, assessedOn: on, needs: needs.map(([lifeArea, level]) => ({ lifeArea, level, note: 'Einschätzung PII' })) } });
  }

  goal(on: CalendarDate, goalId: string, lifeArea: LifeArea): this {
    return this.add(on, { type: 'AgreeGoal', data: { caseId: this.spec.caseId, goalId, lifeArea, text: 'Zieltext PII', targetOn: null, agreedOn: on } });
  }

  closeGoal(on: CalendarDate, goalId: string, outcome: GoalOutcome): this {
    return this.add(on, { type: 'CloseGoal', data: { caseId: this.spec.caseId, goalId, outcome, closedOn: on, note: 'Abschlussnotiz PII' } });
  }

  referral(on: CalendarDate, referralId: string, type: InstitutionType): this {
    return this.add(on, {
      type: 'MakeReferral',
      data: { caseId: this.spec.caseId, referralId, institution: { type, name: 'Stelle PII' }, lifeArea: 'work_and_income', reason: 'Grund PII', sharesData: false, referredOn: on },
    });
  }

  referralOutcome(on: CalendarDate, referralId: string, outcome: ReferralOutcome): this {
    return this.add(on, { type: 'RecordReferralOutcome', data: { caseId: this.spec.caseId, referralId, outcome, outcomeOn: on } });
  }

  serviceGap(on: CalendarDate, lifeArea: LifeArea, clientsAffected: number): this {
    return this.add(on, { type: 'ReportServiceGap', data: { caseId: this.spec.caseId, lifeArea, description: 'Lücke PII', region: 'Ort PII', clientsAffected } });
  }

  reassign(on: CalendarDate, organisationUnitId: string, caseManagerId: string): this {
    this.reassignedTo = { organisationUnitId, caseManagerId };
    return this.add(on, { type: 'ReassignCase', data: { caseId: this.spec.caseId, to: { organisationUnitId, caseManagerId } } }, undefined, 'coordination');
  }

  close(on: CalendarDate, closureReason: ClosureReason, options: { recordedOn?: CalendarDate } = {}): this {
    return this.add(on, { type: 'CloseCase', data: { caseId: this.spec.caseId, closureReason, closedOn: on, summary: 'Zusammenfassung PII' } }, options.recordedOn);
  }

  reopen(on: CalendarDate): this {
    return this.add(on, { type: 'ReopenCase', data: { caseId: this.spec.caseId, reopenedOn: on } });
  }

  /** Corrects the residence status entered on `statusOn` (the n-th status entry of that day). */
  correctStatus(recordedOn: CalendarDate, statusOn: CalendarDate, category: ResidenceCategory, legalBasis: LegalBasis): this {
    const entry = this.entries.findIndex((e) => e.command.type === 'ChangeLegalStatus' && e.command.data.effectiveOn === statusOn);
    return this.add(recordedOn, {
      type: 'CorrectEntry',
      data: {
        caseId: this.spec.caseId,
        correctedEventId: this.pendingEventId(entry),
        correctedEventType: 'LegalStatusChanged',
        correction: 'Richtiger Status PII',
        correctedLegalStatus: { status: { category, legalBasis, document: 'other', validFrom: statusOn, validUntil: null }, effectiveOn: statusOn, source: 'authority_notice' },
      },
    });
  }

  /** A correction of something other than the residence status: free text the report cannot apply. */
  correctOther(recordedOn: CalendarDate): this {
    return this.add(recordedOn, {
      type: 'CorrectEntry',
      data: { caseId: this.spec.caseId, correctedEventId: 'unknown-event', correctedEventType: 'CounsellingSessionHeld', correction: 'Dauer war 30 Minuten PII' },
    });
  }

  erase(on: CalendarDate): this {
    return this.add(on, { type: 'EraseClientData', data: { caseId: this.spec.caseId, clientId: this.spec.clientId, legalBasis: 'gdpr_art_17', decidedBy: 'user-dpo' } });
  }

  /** The events, as the store would record them (revision, envelope, times); global order is set later. */
  events(): Array<Omit<RecordedEvent, 'checkpoint'>> {
    let state: CaseState = initialState();
    const recorded: Array<Omit<RecordedEvent, 'checkpoint'>> = [];
    for (const entry of this.entries) {
      const produced = decide(entry.command, state);
      for (const event of produced) {
        state = evolve(state, event);
        recorded.push({
          id: this.eventIdAt(recorded.length),
          streamId: `case-${this.spec.caseId}`,
          revision: recorded.length,
          type: event.type,
          schemaVersion: CASE_EVENT_SCHEMA_VERSIONS[event.type],
          data: event.data,
          metadata: { occurredAt: entry.command.metadata.now, recordedAt: entry.recordedAt, actor: entry.command.metadata.actor, correlationId: this.spec.caseId, causationId: null },
          hash: '',
        });
      }
    }
    return recorded;
  }

  private eventIdAt(revision: number): string {
    return uuidV5(`${this.spec.caseId}#${revision}`, NAMESPACE);
  }

  /** The id the status entry at `entryIndex` will get: its revision counts the events decided before it. */
  private pendingEventId(entryIndex: number): string {
    if (entryIndex < 0) throw new Error('No status entry on that day');
    let revision = 0;
    let state: CaseState = initialState();
    for (const entry of this.entries.slice(0, entryIndex)) {
      for (const event of decide(entry.command, state)) {
        state = evolve(state, event);
        revision++;
      }
    }
    return this.eventIdAt(revision);
  }

  private add(on: CalendarDate, command: { type: CaseCommand['type']; data: unknown }, recordedOn?: CalendarDate, role: Actor['role'] = 'case_manager'): this {
    const day = recordedOn ?? on;
    const actor: Actor = {
      userId: role === 'coordination' ? 'user-coordination' : this.currentCaseManager(),
      role,
      organisationUnitId: role === 'coordination' ? null : this.currentUnit(),
      districtId: this.spec.districtId,
    };
    const metadata: CommandMetadata = { now: `${day}T10:00:00.000Z`, actor, reason: 'Begründung PII' };
    this.entries.push({ command: { ...command, metadata } as CaseCommand, recordedAt: `${day}T10:00:00.000Z` });
    return this;
  }

  private currentUnit(): string {
    return this.reassignedTo?.organisationUnitId ?? this.spec.organisationUnitId;
  }

  private currentCaseManager(): string {
    return this.reassignedTo?.caseManagerId ?? this.spec.caseManagerId;
  }
}

/** The log of several cases: every event in the order the store accepted them, with checkpoints. */
export function eventLog(scripts: readonly CaseScript[]): RecordedEvent[] {
  const all = scripts.flatMap((script) => script.events());
  all.sort((a, b) => (a.metadata.recordedAt < b.metadata.recordedAt ? -1 : a.metadata.recordedAt > b.metadata.recordedAt ? 1 : a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.revision - b.revision));
  return all.map((event, index) => ({ ...event, checkpoint: String(index + 1) }));
}
