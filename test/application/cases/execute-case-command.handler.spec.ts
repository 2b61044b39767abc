import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openPersonalData } from '../../../src/application/cases/personal-data.sealing';
import { ExecuteCaseCommand } from '../../../src/application/cases/execute-case-command';
import { ExecuteCaseCommandHandler } from '../../../src/application/cases/execute-case-command.handler';
import { caseStreamId } from '../../../src/application/cases/case-stream';
import { WrongExpectedRevisionError } from '../../../src/application/ports/event-store.errors';
import { ERASED } from '../../../src/application/ports/personal-data-vault.port';
import type { CaseCommand } from '../../../src/domain/case/case.commands';
import { ConsentRequiredError, NotInOrganisationUnitError } from '../../../src/domain/case/case.errors';
import { PostgresPersonalDataVault } from '../../../src/infrastructure/crypto/postgres.personal-data-vault';
import { verifyChain } from '../../../src/infrastructure/event-store/integrity';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { CLIENT_PERSONAL, PII_MARKER, PII_WITHOUT_MARKER, commands, withReason, ACTORS, metadata } from '../../domain/case.fixtures';
import { type TestDatabase, openTestDatabase } from '../../support/test-database';

describe('the case command path (load, fold, decide, seal, append)', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let vault: PostgresPersonalDataVault;
  let handler: ExecuteCaseCommandHandler;
  const clock = { now: () => new Date('2025-03-10T09:00:00Z') };

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    store = new PostgresEventStore(test.database, { clock: clock.now });
    vault = new PostgresPersonalDataVault(test.database, randomBytes(32), clock.now);
    handler = new ExecuteCaseCommandHandler(store, vault, clock);
  });
  afterAll(async () => test?.dispose());

  /** Every fixture command, re-targeted at a fresh case. */
  function forCase(caseId: string, clientId = `client-${caseId}`) {
    return <C extends CaseCommand>(command: C): C =>
      ({ ...command, data: { ...command.data, caseId, ...(command.type === 'OpenCase' ? { clientId } : {}) } }) as C;
  }
  const run = (command: CaseCommand, options: { commandId?: string; expectedRevision?: number } = {}) =>
    handler.execute(
      new ExecuteCaseCommand(command, { commandId: options.commandId ?? randomUUID(), correlationId: randomUUID(), expectedRevision: options.expectedRevision }),
    );

  it('records a case with sealed personal data: no personal value is stored in plaintext', async () => {
    const caseId = randomUUID();
    const on = forCase(caseId);
    await run(on(commands.openCase()));
    await run(on(commands.recordConsent()));
    await run(on(commands.assessNeeds()));
    await run(on(commands.agreeGoal()));
    await run(on(commands.recordCounsellingSession()));
    const last = await run(on(commands.makeReferral()));
    const stream = await store.readStream(caseStreamId(caseId));
    expect(last).toMatchObject({ caseId, revision: stream.length - 1, checkpoint: stream.at(-1)?.checkpoint });
    expect(last.events).toContain('ReferralMade');

    const rows = await sql<{ data: string; metadata: string }>`
      SELECT data::text AS data, metadata::text AS metadata FROM kim_events WHERE stream_id = ${caseStreamId(caseId)}`.execute(
      test.database.db,
    );
    const stored = JSON.stringify(rows.rows);
    expect(stored).not.toContain(PII_MARKER);
    for (const value of PII_WITHOUT_MARKER) expect(stored).not.toContain(value);

    const [opened] = await store.readStream(caseStreamId(caseId), { maxCount: 1 });
    const plain = (await openPersonalData(vault, opened.id, opened.type, opened.data, 'plain')) as { client: { personal: unknown } };
    expect(plain.client.personal).toEqual(CLIENT_PERSONAL);
    const masked = (await openPersonalData(vault, opened.id, opened.type, opened.data, 'masked')) as { client: { personal: unknown } };
    expect(JSON.stringify(masked)).not.toContain(PII_MARKER);
  });

  it('records who acted and why in every event', async () => {
    const caseId = randomUUID();
    const on = forCase(caseId);
    const commandId = randomUUID();
    await run(on(commands.openCase()), { commandId });
    const [event] = await store.readStream(caseStreamId(caseId));
    expect(event.metadata).toMatchObject({
      occurredAt: '2025-03-10T09:00:00Z',
      recordedAt: '2025-03-10T09:00:00.000Z',
      actor: { userId: ACTORS.caseManager.userId, role: 'case_manager', organisationUnitId: ACTORS.caseManager.organisationUnitId },
      causationId: commandId,
    });
  });

  it('a repeated command (same id) returns the first answer and appends nothing', async () => {
    const caseId = randomUUID();
    const on = forCase(caseId);
    await run(on(commands.openCase()));
    await run(on(commands.recordConsent()));
    const commandId = randomUUID();
    const first = await run(on(commands.recordCounsellingSession()), { commandId });
    await run(on(commands.recordCounsellingSession({ heldOn: '2025-03-07' })));
    const repeat = await run(on(commands.recordCounsellingSession()), { commandId });
    expect(repeat).toEqual(first);
    expect(await store.readStream(caseStreamId(caseId))).toHaveLength(4);
  });

  it('a stale expected revision is a conflict that names the current one', async () => {
    const caseId = randomUUID();
    const on = forCase(caseId);
    await run(on(commands.openCase()));
    await run(on(commands.recordConsent()));
    const error = await run(on(commands.recordCounsellingSession()), { expectedRevision: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect((error as WrongExpectedRevisionError).actual).toBe(1);
    expect(await store.readStream(caseStreamId(caseId))).toHaveLength(2);
    const result = await run(on(commands.recordCounsellingSession()), { expectedRevision: 1 });
    expect(result.revision).toBe((await store.readStream(caseStreamId(caseId))).length - 1);
  });

  it('someone who may not act on the case gets no revision conflict, only the refusal', async () => {
    const caseId = randomUUID();
    const on = forCase(caseId);
    await run(on(commands.openCase()));
    await run(on(commands.recordConsent()));
    const stranger = on(commands.recordCounsellingSession({}, metadata({ actor: ACTORS.otherUnitCaseManager })));
    await expect(run(stranger, { expectedRevision: 0 })).rejects.toThrow(NotInOrganisationUnitError);
  });

  it('a repeat of a conditional command after it succeeded returns the first answer', async () => {
    const caseId = randomUUID();
    const on = forCase(caseId);
    await run(on(commands.openCase()));
    const commandId = randomUUID();
    const first = await run(on(commands.recordConsent()), { commandId, expectedRevision: 0 });
    expect(await run(on(commands.recordConsent()), { commandId, expectedRevision: 0 })).toEqual(first);
  });

  it('a broken rule appends nothing', async () => {
    const caseId = randomUUID();
    const on = forCase(caseId);
    await run(on(commands.openCase()));
    await expect(run(on(commands.recordCounsellingSession()))).rejects.toThrow(ConsentRequiredError);
    expect(await store.readStream(caseStreamId(caseId))).toHaveLength(1);
  });

  it('erasure destroys the client key; the history stays verifiable and reads as erased', async () => {
    const caseId = randomUUID();
    const clientId = `client-${caseId}`;
    const on = forCase(caseId, clientId);
    await run(on(commands.openCase()));
    await run(on(commands.recordConsent()));
    await run(on(commands.recordCounsellingSession()));
    await run(
      on(commands.eraseClientData({ clientId, legalBasis: 'gdpr_art_17', decidedBy: ACTORS.coordination.userId }, withReason({ actor: ACTORS.coordination }))),
    );
    expect(await vault.isErased(clientId)).toBe(true);
    const events = await store.readStream(caseStreamId(caseId));
    expect(verifyChain(caseStreamId(caseId), events).ok).toBe(true);
    const opened = (await openPersonalData(vault, events[0].id, events[0].type, events[0].data, 'plain')) as { client: { personal: unknown } };
    expect(opened.client.personal).toBe(ERASED);
  });
});
