import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { caseStreamId } from '../../../src/application/cases/case-stream';
import { sealPersonalData } from '../../../src/application/cases/personal-data.sealing';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import type { PersonalDataVault } from '../../../src/application/ports/personal-data-vault.port';
import type { Actor } from '../../../src/domain/case/access.policy';
import { decide } from '../../../src/domain/case/case.decider';
import { DomainRuleViolation } from '../../../src/domain/case/case.errors';
import { CASE_EVENT_SCHEMA_VERSIONS, type CaseEvent } from '../../../src/domain/case/case.events';
import type { CaseCommand } from '../../../src/domain/case/case.commands';
import { evolve, initialState } from '../../../src/domain/case/case.state';
import type { Database } from '../../../src/infrastructure/database/database';
import type { BatchContext, Projection } from '../../../src/projections/projection';
import { ACTORS, NOW } from '../../domain/case.fixtures';

/**
 * Case events as the log hands them to a projection: in streams `case-<id>`, with revisions, checkpoints and
 * envelopes, and every personal field sealed with the client's key as the command path seals it.
 */
export class TestEventLog {
  private position = 0;
  private readonly revisions = new Map<string, number>();

  constructor(private readonly vault: PersonalDataVault) {}

  async record(caseId: string, clientId: string, history: readonly CaseEvent[], actor: Actor = ACTORS.caseManager): Promise<RecordedEvent[]> {
    const streamId = caseStreamId(caseId);
    const recorded: RecordedEvent[] = [];
    for (const event of history) {
      const id = randomUUID();
      const revision = (this.revisions.get(streamId) ?? -1) + 1;
      this.revisions.set(streamId, revision);
      this.position += 1;
      recorded.push({
        id,
        streamId,
        revision,
        checkpoint: `1:${this.position}`,
        type: event.type,
        schemaVersion: CASE_EVENT_SCHEMA_VERSIONS[event.type],
        data: await sealPersonalData(this.vault, clientId, id, event.type, event.data),
        metadata: {
          occurredAt: NOW,
          recordedAt: new Date(Date.parse(NOW) + this.position * 1000).toISOString(),
          actor: { userId: actor.userId, role: actor.role, organisationUnitId: actor.organisationUnitId, districtId: actor.districtId },
          correlationId: randomUUID(),
          causationId: null,
        },
        hash: '00'.repeat(32),
      });
    }
    return recorded;
  }
}

/** The events the deciders accept from `commands`, in order; refused commands are skipped. */
export function acceptedEvents(commands: readonly CaseCommand[]): CaseEvent[] {
  let state = initialState();
  const history: CaseEvent[] = [];
  for (const command of commands) {
    try {
      const written = decide(command, state);
      history.push(...written);
      state = written.reduce(evolve, state);
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
    }
  }
  return history;
}

const created = new Map<Database, string[]>();

/**
 * A fresh schema with the projection's tables, as the runner would prepare a new generation. Named after the
 * test database's own schema, so tests sharing a server never meet; `dropProjectionSchemas` removes them.
 */
export async function freshProjectionSchema(database: Database, projection: Projection): Promise<string> {
  const mine = created.get(database) ?? [];
  created.set(database, mine);
  const schema = `${database.schema}_${projection.name.replace(/-/g, '_')}_${mine.length + 1}`;
  mine.push(schema);
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(database.db);
  const db = database.db as unknown as Kysely<unknown>;
  await projection.setup(db, schema);
  // Readers find what the service's generations have once they are active.
  await projection.createReadIndexes?.(db, schema);
  return schema;
}

export async function dropProjectionSchemas(database: Database): Promise<void> {
  for (const schema of created.get(database) ?? []) await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(database.db);
  created.delete(database);
}

/** Applies the events in the given batches, one transaction each, as the runner does (one run with `context`). */
export async function applyInBatches(
  database: Database,
  projection: Projection,
  schema: string,
  batches: readonly (readonly RecordedEvent[])[],
  context?: BatchContext,
): Promise<void> {
  const db = database.db as unknown as Kysely<unknown>;
  for (const batch of batches) {
    await db.transaction().execute((trx) => projection.apply(trx, schema, batch, context));
  }
}
