import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { v5 as uuidV5 } from 'uuid';
import { caseStreamId } from '../../src/application/cases/case-stream';
import { eventIdFor } from '../../src/application/cases/command-event-ids';
import { sealPersonalData } from '../../src/application/cases/personal-data.sealing';
import type { EventStore, NewEvent } from '../../src/application/ports/event-store.port';
import type { PersonalDataVault } from '../../src/application/ports/personal-data-vault.port';
import type { Actor } from '../../src/domain/case/access.policy';
import { decide } from '../../src/domain/case/case.decider';
import { CASE_EVENT_SCHEMA_VERSIONS } from '../../src/domain/case/case.events';
import { evolve, initialState } from '../../src/domain/case/case.state';
import type { CalendarDate } from '../../src/domain/time/calendar-date.value';
import type { Database } from '../../src/infrastructure/database/database';
import type { DatabaseSchema } from '../../src/infrastructure/database/database.schema';
import { SeededRandom } from '../../src/infrastructure/demo/seeded-random';
import { syntheticCaseCommands } from '../../src/infrastructure/demo/synthetic-case.generator';

/** Fixed: the same seed fills the same log on every machine. */
const BENCH_NAMESPACE = '3a8e51f2-6c0d-4b9e-8f71-2d5c9a4e7b13';

export interface SyntheticDistrict {
  districtId: string;
  /** Case managers with their units; cases are spread over them in turn. */
  caseManagers: ReadonlyArray<Actor & { organisationUnitId: string }>;
}

/** A district of `units` units with `perUnit` case managers each, and one coordination account. */
export function syntheticDistrict(units: number, perUnit: number): SyntheticDistrict & { coordination: Actor } {
  const districtId = 'bench-kreis';
  const caseManagers = Array.from({ length: units * perUnit }, (_, index) => ({
    userId: `bench-cm-${index}`,
    role: 'case_manager' as const,
    organisationUnitId: `bench-unit-${index % units}`,
    districtId,
  }));
  return { districtId, caseManagers, coordination: { userId: 'bench-ko', role: 'coordination', organisationUnitId: null, districtId } };
}

/**
 * A connection pool for filling only, with `synchronous_commit = off`: the fill is set-up, not measured, and
 * would otherwise wait for a WAL flush per append. What is measured afterwards uses ordinary connections.
 */
export function openUnsyncedDatabase(url: string, schema: string, poolSize: number): Database {
  const pool = new Pool({ connectionString: url, max: poolSize, options: `-c search_path=${schema} -c synchronous_commit=off` });
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', schema, close: () => db.destroy() };
}

export interface FillOptions {
  cases: number;
  seed: number;
  today: CalendarDate;
  /** Cases prepared and interleaved together (bounds memory; within a wave the log mixes their events). */
  wave: number;
  writers: number;
  onWave?: (progress: { casesDone: number; events: number; seconds: number }) => void;
}

export interface FillResult {
  cases: number;
  events: number;
  appends: number;
  seconds: number;
  caseIds: string[];
}

interface PendingAppend {
  caseIndex: number;
  date: string;
  events: NewEvent[];
}

/**
 * Fills the log as a district's case managers would, without the HTTP and read-before-write cost of the command
 * path: each synthetic history is decided in memory by the real decider, its personal fields sealed with the
 * client's key, and every command's events appended as one append with the exact expected revision. Commands of
 * a wave of cases are appended in date order by concurrent writers (a case stays with one writer), so the global
 * log interleaves many cases as real use does, and a projection's batch touches many cases.
 */
export async function fillSyntheticCaseLog(store: EventStore, vault: PersonalDataVault, district: SyntheticDistrict, options: FillOptions): Promise<FillResult> {
  const started = performance.now();
  const caseIds: string[] = [];
  let events = 0;
  let appends = 0;
  for (let first = 0; first < options.cases; first += options.wave) {
    const pending: PendingAppend[] = [];
    for (let index = first; index < Math.min(options.cases, first + options.wave); index++) {
      const caseId = uuidV5(`case/${options.seed}/${index}`, BENCH_NAMESPACE);
      caseIds.push(caseId);
      pending.push(...(await decidedCase(vault, district, options, index, caseId)));
    }
    pending.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.caseIndex - b.caseIndex));
    const queues = Array.from({ length: options.writers }, () => [] as PendingAppend[]);
    for (const append of pending) queues[append.caseIndex % options.writers].push(append);
    const revisions = new Map<number, number>();
    await Promise.all(
      queues.map(async (queue) => {
        for (const append of queue) {
          const before = revisions.get(append.caseIndex);
          const result = await store.append(caseStreamId(caseIds[append.caseIndex]), append.events, before === undefined ? 'no_stream' : before);
          revisions.set(append.caseIndex, result.nextExpectedRevision);
        }
      }),
    );
    events += pending.reduce((sum, append) => sum + append.events.length, 0);
    appends += pending.length;
    options.onWave?.({ casesDone: caseIds.length, events, seconds: (performance.now() - started) / 1000 });
  }
  return { cases: caseIds.length, events, appends, seconds: (performance.now() - started) / 1000, caseIds };
}

async function decidedCase(
  vault: PersonalDataVault,
  district: SyntheticDistrict,
  options: FillOptions,
  index: number,
  caseId: string,
): Promise<PendingAppend[]> {
  const clientId = uuidV5(`client/${options.seed}/${index}`, BENCH_NAMESPACE);
  const history = syntheticCaseCommands(new SeededRandom(options.seed * 1_000_003 + index), {
    caseId,
    clientId,
    caseManager: district.caseManagers[index % district.caseManagers.length],
    today: options.today,
  });
  let state = initialState();
  const appends: PendingAppend[] = [];
  for (const [step, command] of history.entries()) {
    const decided = decide(command, state);
    state = decided.reduce(evolve, state);
    const commandId = uuidV5(`command/${options.seed}/${index}/${step}`, BENCH_NAMESPACE);
    const { actor } = command.metadata;
    const newEvents = await Promise.all(
      decided.map(async (event, position): Promise<NewEvent> => {
        const id = eventIdFor(commandId, position);
        return {
          id,
          type: event.type,
          schemaVersion: CASE_EVENT_SCHEMA_VERSIONS[event.type],
          data: await sealPersonalData(vault, clientId, id, event.type, event.data),
          metadata: {
            occurredAt: command.metadata.now,
            actor: { userId: actor.userId, role: actor.role, organisationUnitId: actor.organisationUnitId, districtId: actor.districtId },
            correlationId: commandId,
            causationId: commandId,
          },
        };
      }),
    );
    if (newEvents.length > 0) appends.push({ caseIndex: index, date: command.metadata.now, events: newEvents });
  }
  return appends;
}
