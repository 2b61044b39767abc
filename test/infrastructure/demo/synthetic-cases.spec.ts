import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ExecuteCaseCommandHandler } from '../../../src/application/cases/execute-case-command.handler';
import { systemClock } from '../../../src/application/ports/clock.port';
import { PostgresPersonalDataVault } from '../../../src/infrastructure/crypto/postgres.personal-data-vault';
import { type SeedProgress, seedSyntheticCases } from '../../../src/infrastructure/demo/synthetic-cases.seeder';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { type TestDatabase, openTestDatabase } from '../../support/test-database';
import { decide } from '../../../src/domain/case/case.decider';
import { type CaseState, evolve, initialState } from '../../../src/domain/case/case.state';
import { SeededRandom } from '../../../src/infrastructure/demo/seeded-random';
import { syntheticCaseCommands } from '../../../src/infrastructure/demo/synthetic-case.generator';

const caseManager = { userId: 'cm-1', role: 'case_manager' as const, organisationUnitId: 'demo-drk', districtId: 'demo-kreis-heinsberg' };

function generate(seed: number) {
  return syntheticCaseCommands(new SeededRandom(seed), { caseId: `case-${seed}`, clientId: `client-${seed}`, caseManager, today: '2026-11-26' });
}

describe('synthetic demo cases', () => {
  it('every generated history passes the decider, command by command', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        let state: CaseState = initialState();
        for (const command of generate(seed)) {
          for (const event of decide(command, state)) state = evolve(state, event);
        }
        expect(state.opened).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is reproducible from its seed and varies between seeds', () => {
    expect(generate(42)).toEqual(generate(42));
    expect(generate(42)).not.toEqual(generate(43));
  });

  it('spreads over up to two years, never after today, in date order', () => {
    const histories = Array.from({ length: 200 }, (_, seed) => generate(seed));
    const days = histories.flat().map((c) => c.metadata.now.slice(0, 10));
    expect(days.every((d) => d <= '2026-11-26' && d >= '2024-11-26')).toBe(true);
    for (const history of histories) {
      const dates = history.map((c) => c.metadata.now);
      expect([...dates].sort()).toEqual(dates);
    }
    const types = new Set(histories.flat().map((c) => c.type));
    for (const type of ['RecordCounsellingSession', 'MakeReferral', 'RecordReferralOutcome', 'ChangeLegalStatus', 'ChangeJurisdiction', 'CloseCase', 'AgreeGoal']) {
      expect(types).toContain(type);
    }
  });
});

describe('seeding synthetic cases through the command path', () => {
  let test: TestDatabase;
  let handler: ExecuteCaseCommandHandler;
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    store = new PostgresEventStore(test.database);
    handler = new ExecuteCaseCommandHandler(store, new PostgresPersonalDataVault(test.database, randomBytes(32)), systemClock);
  });
  afterAll(async () => test?.dispose());

  it('writes the cases with progress, and a second run with the same seed appends nothing', async () => {
    const seen: number[] = [];
    const options = { count: 6, seed: 7, today: '2026-11-26', caseManagers: [caseManager], concurrency: 3, onProgress: (p: SeedProgress) => seen.push(p.casesDone) };
    const first = await seedSyntheticCases((c) => handler.execute(c), options);
    expect(first.casesDone).toBe(6);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM kim_events`.execute(test.database.db)).rows[0].n);
    const events = await count();
    expect(events).toBeGreaterThanOrEqual(first.commands);
    const streams = await sql<{ n: string }>`SELECT count(DISTINCT stream_id) AS n FROM kim_events`.execute(test.database.db);
    expect(Number(streams.rows[0].n)).toBe(6);

    await seedSyntheticCases((c) => handler.execute(c), { ...options, onProgress: undefined });
    expect(await count()).toBe(events);
  });
});
