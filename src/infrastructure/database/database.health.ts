import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { HealthContributor, HealthFinding } from '../http/health-contributor';
import type { Database } from './database';
import { DATABASE } from './database.tokens';

/** The database holding the read models (and, with the PostgreSQL event store, the event log). */
@Injectable()
export class DatabaseHealthContributor implements HealthContributor {
  readonly name = 'database';
  readonly facts: { kind: Database['kind'] };

  constructor(@Inject(DATABASE) private readonly database: Database) {
    this.facts = { kind: database.kind };
  }

  async check(): Promise<HealthFinding> {
    await sql`SELECT 1`.execute(this.database.db);
    return { ok: true };
  }
}
