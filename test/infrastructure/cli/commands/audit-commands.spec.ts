import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { caseAccessStreamId, caseStreamId } from '../../../../src/application/cases/case-stream';
import { ExecuteCaseCommand } from '../../../../src/application/cases/execute-case-command';
import { ExecuteCaseCommandHandler, fold } from '../../../../src/application/cases/execute-case-command.handler';
import type { CaseCommand } from '../../../../src/domain/case/case.commands';
import type { CliContext } from '../../../../src/infrastructure/cli/cli-command';
import { migrateCommand } from '../../../../src/infrastructure/cli/commands/migrate.command';
import { replayCaseCommand } from '../../../../src/infrastructure/cli/commands/replay-case.command';
import { verifyIntegrityCommand } from '../../../../src/infrastructure/cli/commands/verify-integrity.command';
import { runCli } from '../../../../src/infrastructure/cli/run-cli';
import { loadConfig } from '../../../../src/infrastructure/config/app.config';
import { masterKeyFor } from '../../../../src/infrastructure/crypto/personal-data.module';
import { PostgresPersonalDataVault } from '../../../../src/infrastructure/crypto/postgres.personal-data-vault';
import { type Database, openDatabase } from '../../../../src/infrastructure/database/database';
import { PostgresEventStore } from '../../../../src/infrastructure/event-store/postgres.event-store';
import { PII_MARKER, PII_WITHOUT_MARKER, commands } from '../../../domain/case.fixtures';

describe('replay-case and verify-integrity, on a PGlite data directory', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const caseId = randomUUID();
  const otherCaseId = randomUUID();

  async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const context: CliContext = {
      env,
      commands: [migrateCommand, replayCaseCommand, verifyIntegrityCommand],
      output: { out: (line) => out.push(line), err: (line) => err.push(line) },
    };
    return { code: await runCli(argv, context), out, err };
  }

  /** The CLI's database, opened by the test between commands (PGlite: one process at a time). */
  async function withDatabase<T>(work: (database: Database, store: PostgresEventStore) => Promise<T>): Promise<T> {
    const database = await openDatabase(loadConfig(env).database);
    try {
      return await work(database, new PostgresEventStore(database));
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kim-audit-cli-'));
    env = { KIM_DATA_DIR: dataDir };
    expect((await run(['migrate'])).code).toBe(0);
    await withDatabase(async (database, store) => {
      const vault = new PostgresPersonalDataVault(database, masterKeyFor(loadConfig(env)));
      const handler = new ExecuteCaseCommandHandler(store, vault, { now: () => new Date() });
      for (const id of [caseId, otherCaseId]) {
        const on = <C extends CaseCommand>(command: C): C => ({ ...command, data: { ...command.data, caseId: id } });
        for (const command of [
          commands.openCase({ clientId: `client-${id}` }),
          commands.recordConsent(),
          commands.assessNeeds(),
          commands.recordCounsellingSession(),
        ]) {
          await handler.execute(new ExecuteCaseCommand(on(command), { commandId: randomUUID(), correlationId: randomUUID() }));
        }
      }
    });
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('replays a case entry by entry with its summary, masked data and the state after it, and records the read', async () => {
    const result = await run(['replay-case', caseId]);
    expect(result).toMatchObject({ code: 0, err: [] });
    const printed = result.out.join('\n');
    expect(result.out[0]).toBe(`Case ${caseId}: 5 entries, personal data masked`);
    expect(printed).toContain('Fallaufnahme');
    expect(printed).toContain('Beratungskontakt am 06.03.2025: Hausbesuch, 60 Minuten');
    expect(printed).toContain('"personal":{"$masked":true}');
    expect(printed).not.toContain(PII_MARKER);
    for (const value of PII_WITHOUT_MARKER) expect(printed).not.toContain(value);

    const { events, records } = await withDatabase(async (_database, store) => ({
      events: await store.readStream(caseStreamId(caseId)),
      records: await store.readStream(caseAccessStreamId(caseId)),
    }));
    const states = result.out.filter((line) => line.startsWith('  state: ')).map((line) => JSON.parse(line.slice('  state: '.length)));
    expect(states).toEqual(events.map((_event, index) => fold(events.slice(0, index + 1))));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      data: { caseId, access: 'view', view: 'history', personalData: 'masked' },
      metadata: { actor: { userId: `cli:${userInfo().username}`, role: 'operator' } },
    });
  });

  it('says so for a case that does not exist, and refuses anything but one case id', async () => {
    expect(await run(['replay-case', randomUUID()])).toMatchObject({ code: 1, err: [expect.stringMatching(/^No case /)] });
    expect((await run(['replay-case'])).code).toBe(2);
    expect((await run(['verify-integrity'])).code).toBe(2);
    expect((await run(['verify-integrity', '--every'])).code).toBe(2);
  });

  it('finds intact chains for a case (entries and access records) and for the whole log', async () => {
    const one = await run(['verify-integrity', caseId]);
    expect(one).toMatchObject({ code: 0, err: [] });
    expect(one.out).toEqual([`case-${caseId}: 5 events checked, intact`, `case-access-${caseId}: 1 event checked, intact`]);
    const all = await run(['verify-integrity', '--all']);
    expect(all).toMatchObject({ code: 0, err: [] });
    expect(all.out.at(-1)).toMatch(/^Done: 3 streams, 11 events checked \([\d,]+ streams\/s\), 0 broken$/);
  });

  it('exits 1 naming the first broken link after a stored row was altered, in the case and in the whole log', async () => {
    const victim = await withDatabase(async (database, store) => {
      const [, consent] = await store.readStream(caseStreamId(otherCaseId));
      await sql`UPDATE kim_events SET data = ${JSON.stringify({ ...(consent.data as object), givenOn: '2025-03-01' })}::json
        WHERE event_id = ${consent.id}`.execute(database.db);
      return consent;
    });
    const broken = `case-${otherCaseId}: first broken link at revision 1, event ${victim.id} (hash_mismatch)`;

    const one = await run(['verify-integrity', otherCaseId]);
    expect(one).toMatchObject({ code: 1, err: [broken] });
    expect(one.out[0]).toBe(`case-${otherCaseId}: 2 events checked, BROKEN`);
    const all = await run(['verify-integrity', '--all']);
    expect(all).toMatchObject({ code: 1, err: [broken] });
    expect(all.out.at(-1)).toMatch(/, 1 broken$/);
    expect((await run(['verify-integrity', caseId])).code).toBe(0);
  });
});
