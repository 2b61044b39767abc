import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import type { Actor } from '../../src/domain/case/access.policy';
import type { CaseCommand } from '../../src/domain/case/case.commands';
import { decide } from '../../src/domain/case/case.decider';
import { DomainRuleViolation } from '../../src/domain/case/case.errors';
import { CASE_EVENT_SCHEMA_VERSIONS } from '../../src/domain/case/case.events';
import { evolve, initialState, type CaseState } from '../../src/domain/case/case.state';
import { CLOSURE_REASONS } from '../../src/domain/case/case.vocabulary';
import { addDays, type CalendarDate } from '../../src/domain/time/calendar-date.value';
import { SeededRandom } from '../../src/infrastructure/demo/seeded-random';
import { syntheticCaseCommands } from '../../src/infrastructure/demo/synthetic-case.generator';

/**
 * Random but valid event logs for property tests of the funding report: realistic synthetic histories (every
 * command passes the decider), roughened the way real logs are: entries made days or weeks late, residence
 * statuses corrected, cases reassigned between units, closed cases reopened, people with cases in two units,
 * a second district, and servers whose clocks disagree by up to a minute.
 */
export const RANDOM_DISTRICT = 'district-a';
export const RANDOM_UNITS = ['unit-a1', 'unit-a2'] as const;
const OTHER_DISTRICT = 'district-b';
export const RANDOM_LOG_TODAY = '2025-12-31';

const CASE_MANAGERS: ReadonlyArray<Actor & { organisationUnitId: string }> = [
  { userId: 'cm-1', role: 'case_manager', organisationUnitId: RANDOM_UNITS[0], districtId: RANDOM_DISTRICT },
  { userId: 'cm-2', role: 'case_manager', organisationUnitId: RANDOM_UNITS[0], districtId: RANDOM_DISTRICT },
  { userId: 'cm-3', role: 'case_manager', organisationUnitId: RANDOM_UNITS[1], districtId: RANDOM_DISTRICT },
  { userId: 'cm-9', role: 'case_manager', organisationUnitId: 'unit-b1', districtId: OTHER_DISTRICT },
];

interface Entry {
  command: CaseCommand;
  now: CalendarDate;
}

export function randomCaseLog(seed: number, caseCount: number): RecordedEvent[] {
  const random = new SeededRandom(seed);
  const events: Array<Omit<RecordedEvent, 'checkpoint'>> = [];
  for (let index = 0; index < caseCount; index++) {
    const caseId = `case-${seed}-${index}`;
    // Now and then a person who already has a case opens another one.
    const clientId = index > 0 && random.chance(0.15) ? `client-${seed}-${random.int(0, index - 1)}` : `client-${seed}-${index}`;
    const caseManager = random.pick(CASE_MANAGERS);
    const commands = syntheticCaseCommands(random, { caseId, clientId, caseManager, today: RANDOM_LOG_TODAY });
    events.push(...recorded(roughened(commands, caseManager, random), caseId, random));
  }
  // The log's order is the order of appends (each case's in stream order), whatever the recording clocks said.
  const order = (e: Omit<RecordedEvent, 'checkpoint'>) => `${e.metadata.occurredAt}|${e.streamId}|${String(e.revision).padStart(6, '0')}`;
  events.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return events.map((event, index) => ({ ...event, checkpoint: String(index + 1) }));
}

/** Extra commands between the synthetic ones, and late entry dates; whatever the decider refuses is dropped. */
function roughened(commands: readonly CaseCommand[], caseManager: Actor, random: SeededRandom): Entry[] {
  const entries: Entry[] = [];
  let lastNow = '1900-01-01';
  const at = (command: CaseCommand, date: CalendarDate): void => {
    // A late entry is made days or weeks after the day it is about; entries of a case stay in order.
    const late = random.chance(0.08) ? addDays(date, random.int(1, 60)) : date;
    const now = late > lastNow ? late : lastNow;
    lastNow = now;
    entries.push({ command, now });
  };
  const coordination: Actor = { userId: 'coordination', role: 'coordination', organisationUnitId: null, districtId: caseManager.districtId };
  let lastStatusEntry: number | null = null;
  for (const command of commands) {
    const date = command.metadata.now.slice(0, 10);
    at(command, date);
    if (command.type === 'ChangeLegalStatus') lastStatusEntry = entries.length - 1;
    const caseId = command.data.caseId;
    if (lastStatusEntry !== null && random.chance(0.02)) {
      // Now and then a correction names an entry that is not a status of this case (the decider accepts any id).
      const corrected = random.chance(0.1) ? 'entry-none' : `entry-${lastStatusEntry}`;
      at({ type: 'CorrectEntry', data: { caseId, correctedEventId: corrected, correctedEventType: 'LegalStatusChanged', correction: 'korrigiert', correctedLegalStatus: { status: { category: 'tolerated', legalBasis: 'aufenthg_60d', document: 'toleration_certificate', validFrom: date, validUntil: null }, effectiveOn: date, source: 'authority_notice' } }, metadata: { now: command.metadata.now, actor: caseManager, reason: 'Fehler' } }, date);
    }
    if (caseManager.districtId === RANDOM_DISTRICT && random.chance(0.02)) {
      const target = random.pick(CASE_MANAGERS.slice(0, 3));
      at({ type: 'ReassignCase', data: { caseId, to: { caseManagerId: target.userId, organisationUnitId: target.organisationUnitId } }, metadata: { now: command.metadata.now, actor: coordination, reason: 'Vertretung' } }, date);
    }
    if (command.type === 'CloseCase' && random.chance(0.4)) {
      const reopenOn = addDays(date, random.int(0, 90));
      if (reopenOn <= RANDOM_LOG_TODAY) {
        at({ type: 'ReopenCase', data: { caseId, reopenedOn: reopenOn }, metadata: { now: `${reopenOn}T12:00:00Z`, actor: caseManager } }, reopenOn);
        const closeOn = addDays(reopenOn, random.int(0, 120));
        if (closeOn <= RANDOM_LOG_TODAY && random.chance(0.5)) {
          at({ type: 'CloseCase', data: { caseId, closureReason: random.pick(CLOSURE_REASONS), closedOn: closeOn }, metadata: { now: `${closeOn}T12:00:00Z`, actor: caseManager, reason: 'erneut' } }, closeOn);
        }
      }
    }
  }
  const last = commands[commands.length - 1];
  if (random.chance(0.05)) {
    const clientId = (commands[0].data as { clientId: string }).clientId;
    at({ type: 'EraseClientData', data: { caseId: last.data.caseId, clientId, legalBasis: 'gdpr_art_17', decidedBy: 'dpo' }, metadata: { now: last.metadata.now, actor: caseManager, reason: 'Antrag' } }, lastNow);
  }
  return entries;
}

/** Runs the entries through the decider and records what it accepts; `entry-<n>` ids become real event ids. */
function recorded(entries: readonly Entry[], caseId: string, random: SeededRandom): Array<Omit<RecordedEvent, 'checkpoint'>> {
  let state: CaseState = initialState();
  const out: Array<Omit<RecordedEvent, 'checkpoint'>> = [];
  const eventIdOfEntry = new Map<string, string>();
  let lastNow = '';
  for (const [index, entry] of entries.entries()) {
    const candidate = `${entry.now}T${String(random.int(8, 17)).padStart(2, '0')}:00:00.000Z`;
    // The log delivers a case's events in stream order: its times never go back within the case.
    const now = candidate > lastNow ? candidate : lastNow;
    lastNow = now;
    // After a reassignment the case's new case manager carries on with the history.
    const actor: Actor =
      state.opened && entry.command.metadata.actor.role === 'case_manager'
        ? { ...entry.command.metadata.actor, userId: state.caseManagerId, organisationUnitId: state.organisationUnitId }
        : entry.command.metadata.actor;
    let command = { ...entry.command, metadata: { ...entry.command.metadata, now, actor } } as CaseCommand;
    if (command.type === 'CorrectEntry') command = { ...command, data: { ...command.data, correctedEventId: eventIdOfEntry.get(command.data.correctedEventId) ?? 'unknown' } };
    let produced;
    try {
      produced = decide(command, state);
    } catch (error) {
      if (error instanceof DomainRuleViolation) continue;
      throw error;
    }
    // Another server's clock may run up to a minute behind: recording times are not always in stream order.
    const skew = random.chance(0.05) ? random.int(1, 60_000) : 0;
    const recordedAt = new Date(Date.parse(now) - skew).toISOString();
    for (const event of produced) {
      state = evolve(state, event);
      const id = `${caseId}:${out.length}`;
      if (event.type === 'LegalStatusChanged') eventIdOfEntry.set(`entry-${index}`, id);
      out.push({
        id,
        streamId: `case-${caseId}`,
        revision: out.length,
        type: event.type,
        schemaVersion: CASE_EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data,
        metadata: { occurredAt: now, recordedAt, actor: command.metadata.actor, correlationId: caseId, causationId: null },
        hash: '',
      });
    }
  }
  return out;
}
