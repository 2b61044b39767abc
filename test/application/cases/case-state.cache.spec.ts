import { randomBytes, randomUUID } from 'node:crypto';
import { CaseStateCache, type KnownCase } from '../../../src/application/cases/case-state.cache';
import { caseStreamId } from '../../../src/application/cases/case-stream';
import { ExecuteCaseCommand } from '../../../src/application/cases/execute-case-command';
import { ExecuteCaseCommandHandler } from '../../../src/application/cases/execute-case-command.handler';
import type { CaseCommand } from '../../../src/domain/case/case.commands';
import { CaseClosedError } from '../../../src/domain/case/case.errors';
import { PostgresPersonalDataVault } from '../../../src/infrastructure/crypto/postgres.personal-data-vault';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { ACTORS, commands, withReason } from '../../domain/case.fixtures';
import { type TestDatabase, openTestDatabase } from '../../support/test-database';

/**
 * The command path keeps each case's folded state in memory. These tests hold it to its promise: a command reads
 * at most what was appended since, and a state another writer has moved past never decides what is stored or
 * refused. "Another process" is a second handler with a store and vault of its own on the same database.
 */
describe('the command path with its case state cache', () => {
  let test: TestDatabase;
  const clock = { now: () => new Date('2025-03-10T09:00:00Z') };
  const masterKey = randomBytes(32);

  function instance() {
    const store = new PostgresEventStore(test.database, { clock: clock.now });
    const handler = new ExecuteCaseCommandHandler(store, new PostgresPersonalDataVault(test.database, masterKey, clock.now), clock);
    const run = (command: CaseCommand, options: { commandId?: string; expectedRevision?: number } = {}) =>
      handler.execute(
        new ExecuteCaseCommand(command, { commandId: options.commandId ?? randomUUID(), correlationId: randomUUID(), expectedRevision: options.expectedRevision }),
      );
    return { store, run };
  }

  function forCase(caseId: string) {
    return <C extends CaseCommand>(command: C): C =>
      ({ ...command, data: { ...command.data, caseId, ...(command.type === 'OpenCase' ? { clientId: `client-${caseId}` } : {}) } }) as C;
  }

  async function openedCase(run: ReturnType<typeof instance>['run']) {
    const caseId = randomUUID();
    const on = forCase(caseId);
    await run(on(commands.openCase()));
    await run(on(commands.recordConsent()));
    return { caseId, on, stream: caseStreamId(caseId) };
  }

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
  });
  afterAll(async () => test?.dispose());

  it('a command on a case this process knows reads nothing: its append proves the state it decided on was current', async () => {
    const here = instance();
    const { on, stream } = await openedCase(here.run);
    for (let i = 0; i < 5; i++) await here.run(on(commands.recordCounsellingSession()));
    const reads = jest.spyOn(here.store, 'readStream');

    const result = await here.run(on(commands.recordCounsellingSession()));

    expect(reads).not.toHaveBeenCalled();
    expect(result.revision).toBe(7);
    expect(await here.store.readStream(stream)).toHaveLength(8);
  });

  it('a refusal is checked on the events appended since the cached state, not the whole stream', async () => {
    const here = instance();
    const { on, stream } = await openedCase(here.run);
    await here.run(on(commands.closeCase()));
    const reads = jest.spyOn(here.store, 'readStream');

    await expect(here.run(on(commands.recordCounsellingSession()))).rejects.toThrow(CaseClosedError);

    expect(reads.mock.calls).toEqual([[stream, { fromRevision: 3 }]]);
  });

  it("another process's events are read before deciding: a case it closed refuses the next session here", async () => {
    const here = instance();
    const elsewhere = instance();
    const { on, stream } = await openedCase(here.run);
    await elsewhere.run(on(commands.closeCase()));

    await expect(here.run(on(commands.recordCounsellingSession()))).rejects.toThrow(CaseClosedError);
    expect((await here.store.readStream(stream)).map((e) => e.type)).toEqual(['CaseOpened', 'ConsentRecorded', 'CaseClosed']);
  });

  it('a refusal is never decided on a state another process has changed: a case it reopened takes the session here', async () => {
    const here = instance();
    const elsewhere = instance();
    const { on } = await openedCase(here.run);
    await here.run(on(commands.closeCase()));
    await elsewhere.run(on(commands.reopenCase()));

    const result = await here.run(on(commands.recordCounsellingSession()));

    expect(result).toMatchObject({ revision: 4, events: ['CounsellingSessionHeld'] });
  });

  it("a conditional command names the revision another process's append produced, and is accepted", async () => {
    const here = instance();
    const elsewhere = instance();
    const { on } = await openedCase(here.run);
    const theirs = await elsewhere.run(on(commands.recordCounsellingSession()));

    const ours = await here.run(on(commands.recordCounsellingSession()), { expectedRevision: theirs.revision });

    expect(ours.revision).toBe(theirs.revision + 1);
  });

  it('a writer slipping in between read and append: the command is decided again on the stream as it is then', async () => {
    const here = instance();
    const elsewhere = instance();
    const { on, stream } = await openedCase(here.run);
    const append = here.store.append.bind(here.store);
    jest.spyOn(here.store, 'append').mockImplementationOnce(async (...args) => {
      await elsewhere.run(on(commands.closeCase()));
      return append(...args);
    });

    await expect(here.run(on(commands.recordCounsellingSession()))).rejects.toThrow(CaseClosedError);
    expect((await here.store.readStream(stream)).map((e) => e.type)).toEqual(['CaseOpened', 'ConsentRecorded', 'CaseClosed']);
  });

  it('a retry of a command another process ran first gets its answer and appends nothing', async () => {
    const here = instance();
    const elsewhere = instance();
    const { on, stream } = await openedCase(here.run);
    const commandId = randomUUID();
    const first = await elsewhere.run(on(commands.recordCounsellingSession()), { commandId });

    const repeat = await here.run(on(commands.recordCounsellingSession()), { commandId });

    expect(repeat).toEqual(first);
    expect(await here.store.readStream(stream)).toHaveLength(3);
  });

  it('an erasure forgets the case: the next command reads its whole stream', async () => {
    const here = instance();
    const { caseId, on, stream } = await openedCase(here.run);
    const erasure = commands.eraseClientData({ clientId: `client-${caseId}`, decidedBy: ACTORS.coordination.userId }, withReason({ actor: ACTORS.coordination }));
    await here.run(on(erasure));
    const reads = jest.spyOn(here.store, 'readStream');

    await here.run(on(commands.recordCounsellingSession())).catch(() => undefined);

    expect(reads.mock.calls[0]).toEqual([stream, undefined]);
  });
});

describe('CaseStateCache', () => {
  const known = (revision: number): KnownCase => ({ state: { opened: false }, revision, checkpoint: null, eventIds: new Set() });

  it('keeps the later state when concurrent commands offer theirs in any order', () => {
    const cache = new CaseStateCache();
    cache.offer('case-a', known(5));
    cache.offer('case-a', known(4));
    expect(cache.get('case-a')?.revision).toBe(5);
    cache.offer('case-a', known(6));
    expect(cache.get('case-a')?.revision).toBe(6);
  });

  it('holds at most its limit, dropping the case used longest ago', () => {
    const cache = new CaseStateCache(2);
    cache.offer('case-a', known(0));
    cache.offer('case-b', known(0));
    cache.get('case-a');
    cache.offer('case-c', known(0));
    expect([cache.get('case-a'), cache.get('case-b'), cache.get('case-c')].map((entry) => entry !== undefined)).toEqual([true, false, true]);
  });

  it('forgets a case', () => {
    const cache = new CaseStateCache();
    cache.offer('case-a', known(3));
    cache.forget('case-a');
    expect(cache.get('case-a')).toBeUndefined();
  });
});
