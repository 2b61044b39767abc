import { Test } from '@nestjs/testing';
import { sql } from 'kysely';
import { type AppConfig, loadConfig } from '../../../src/infrastructure/config/app.config';
import { ConfigModule } from '../../../src/infrastructure/config/config.module';
import { DATABASE } from '../../../src/infrastructure/database/database.tokens';
import { IdentityModule } from '../../../src/infrastructure/identity/identity.module';
import { createLogger } from '../../../src/infrastructure/logging/logger';
import { LoggingModule } from '../../../src/infrastructure/logging/logging.module';
import { type TestDatabase, openTestDatabase } from '../../support/test-database';

describe('IdentityModule start-up', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase('pglite');
  });
  afterAll(async () => test?.dispose());

  async function start(demoData: boolean) {
    const config: AppConfig = { ...loadConfig({}), database: { kind: 'pglite', dataDir: null } };
    const logLines: string[] = [];
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } })),
        IdentityModule.forRoot({ secureCookie: true, demoData }),
      ],
    })
      .overrideProvider(DATABASE)
      .useValue({ ...test.database, close: async () => undefined })
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    await app.close();
    const users = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kim_users`.execute(test.database.db);
    return { users: users.rows[0].n, logLines };
  }

  it('creates no demo data unless told to, and then warns that it did', async () => {
    expect((await start(false)).users).toBe(0);
    const seeded = await start(true);
    expect(seeded.users).toBe(7);
    expect(seeded.logLines.join('\n')).toMatch(/"level":"warn".*"event":"demo_data_created"/);
  });
});
