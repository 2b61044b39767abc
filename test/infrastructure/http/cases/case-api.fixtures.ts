import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import request from 'supertest';
import { createApp } from '../../../../src/infrastructure/app.factory';
import { type AppConfig, loadConfig } from '../../../../src/infrastructure/config/app.config';
import type { Database } from '../../../../src/infrastructure/database/database';
import { DATABASE } from '../../../../src/infrastructure/database/database.tokens';
import { DEMO_PASSWORD } from '../../../../src/infrastructure/identity/demo-district.seed';
import { createLogger } from '../../../../src/infrastructure/logging/logger';
import { CLIENT_PERSONAL, CLIENT_PROFILE, PII_MARKER } from '../../../domain/case.fixtures';
import { dropAppSchemas } from '../../../support/app-schema.cleanup';
import { postgresTestUrl, type TestDatabaseKind } from '../../../support/test-database';

/**
 * The whole service over HTTP, as `main.ts` runs it, on a fresh database with the demo district: PGlite in
 * memory, or a schema of its own on the PostgreSQL server. Log lines are kept to prove what they do not say.
 */
export interface TestApi {
  app: NestExpressApplication;
  database: Database;
  logLines: string[];
  http(): ReturnType<typeof request>;
  /** A bearer token of a demo account (`cm-ki`, `cm-drk`, `koordination`, `pruefung`, ...). */
  tokenOf(username: string): Promise<string>;
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startTestApi(kind: TestDatabaseKind): Promise<TestApi> {
  const logLines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } });
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const base = loadConfig({ KIM_MASTER_KEY: randomBytes(32).toString('base64'), KIM_DEMO_DATA: 'true' });
  const config: AppConfig = {
    ...base,
    database: kind === 'pglite' ? { kind: 'pglite', dataDir: null } : { kind: 'postgres', url: postgresTestUrl()!, poolSize: 5, schema },
  };
  const app = await createApp(config, logger);
  const database = app.get<Database>(DATABASE);
  const tokens = new Map<string, string>();
  return {
    app,
    database,
    logLines,
    http: () => request(app.getHttpServer()),
    async tokenOf(username) {
      if (!tokens.has(username)) {
        const response = await request(app.getHttpServer()).post('/api/auth/tokens').send({ username, password: DEMO_PASSWORD }).expect(201);
        tokens.set(username, response.body.token as string);
      }
      return tokens.get(username)!;
    },
    async eventCount() {
      const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kim_events`.execute(database.db);
      return result.rows[0].n;
    },
    async close() {
      await app.close();
      if (kind === 'postgres') await dropAppSchemas(postgresTestUrl()!, schema);
    },
  };
}

/** Every personal value carries the marker, so a search for it finds any that leaked. */
export const PERSONAL = { ...CLIENT_PERSONAL, address: { street: 'Musterweg 1 PII', postalCode: '52525 PII', city: 'Heinsberg PII' } };
export { PII_MARKER };

export const bodies = {
  openCase: (overrides: Record<string, unknown> = {}) => ({
    openedOn: '2025-03-03',
    channel: 'office',
    entryCriteria: ['complex_needs', 'jurisdiction_change_pending'],
    client: { personal: PERSONAL, profile: CLIENT_PROFILE },
    ...overrides,
  }),
  consent: (overrides: Record<string, unknown> = {}) => ({
    purpose: 'case_management',
    formVersion: 'KIM-EW-2024-1',
    language: 'ar',
    givenOn: '2025-03-03',
    ...overrides,
  }),
  session: (overrides: Record<string, unknown> = {}) => ({
    heldOn: '2025-03-06',
    durationMinutes: 60,
    format: 'home_visit',
    lifeAreas: ['residence_law', 'housing'],
    interpreterLanguage: 'ar',
    householdMembersPresent: 2,
    note: 'Hausbesuch, Familie anwesend PII',
    ...overrides,
  }),
};
