import { join } from 'node:path';
import { ConfigError, type ConfigProblem, loadConfig, loadServiceConfig } from '../../../src/infrastructure/config/app.config';

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function problemsOf(env: NodeJS.ProcessEnv): readonly ConfigProblem[] {
  return configErrorOf(env).problems;
}

const MASTER_KEY = Buffer.alloc(32, 7);

describe('loadConfig', () => {
  it('runs with no environment at all: embedded PGlite under ./data, PostgreSQL event store, local port 3000', () => {
    expect(loadConfig({})).toEqual({
      http: { host: '127.0.0.1', port: 3000 },
      eventStore: { kind: 'postgres' },
      database: { kind: 'pglite', dataDir: join('data', 'pglite') },
      dataDir: './data',
      migrateOnStart: true,
      logLevel: 'info',
      masterKey: null,
      demoData: true,
      secureCookie: false,
      trustProxy: false,
      idempotencyRetentionHours: 24,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      KIM_PORT: '8080',
      KIM_HOST: '0.0.0.0',
      KIM_EVENT_STORE: 'kurrentdb',
      KIM_DATABASE_URL: 'postgres://kim:secret@db:5432/kim',
      KIM_DATA_DIR: '/var/lib/kim',
      KIM_DB_POOL_SIZE: '25',
      KIM_KURRENTDB_URL: 'kurrentdb://kurrentdb:2113?tls=false',
      KIM_MIGRATE_ON_START: 'false',
      KIM_LOG_LEVEL: 'debug',
      KIM_MASTER_KEY: MASTER_KEY.toString('base64'),
      KIM_DEMO_DATA: 'true',
      KIM_SECURE_COOKIE: 'false',
      KIM_TRUST_PROXY: 'loopback, 10.0.0.0/8',
      KIM_IDEMPOTENCY_RETENTION_HOURS: '48',
    });
    expect(config).toEqual({
      http: { host: '0.0.0.0', port: 8080 },
      eventStore: { kind: 'kurrentdb', connectionString: 'kurrentdb://kurrentdb:2113?tls=false' },
      database: { kind: 'postgres', url: 'postgres://kim:secret@db:5432/kim', poolSize: 25 },
      dataDir: '/var/lib/kim',
      migrateOnStart: false,
      logLevel: 'debug',
      masterKey: MASTER_KEY,
      demoData: true,
      secureCookie: false,
      trustProxy: ['loopback', '10.0.0.0/8'],
      idempotencyRetentionHours: 48,
    });
  });

  it('keeps PGlite files below KIM_DATA_DIR when no database URL is given', () => {
    expect(loadConfig({ KIM_DATA_DIR: '/srv/kim' }).database).toEqual({ kind: 'pglite', dataDir: join('/srv/kim', 'pglite') });
  });

  it('treats empty values as unset, as compose passes them for unset variables', () => {
    expect(loadConfig({ KIM_PORT: '', KIM_DATABASE_URL: '  ', KIM_KURRENTDB_URL: '' })).toEqual(loadConfig({}));
  });

  it('accepts host names, IPv6 and a Unix-socket database URL', () => {
    expect(loadConfig({ KIM_HOST: 'api.kreis-heinsberg.example' }).http.host).toBe('api.kreis-heinsberg.example');
    expect(loadConfig({ KIM_HOST: '::' }).http.host).toBe('::');
    expect(loadConfig({ KIM_DATABASE_URL: 'postgresql:///kim?host=/run/postgresql' }).database.kind).toBe('postgres');
  });

  it.each([
    ['KIM_PORT', 'abc', 'an integer from 1 to 65535'],
    ['KIM_PORT', '0', 'an integer from 1 to 65535'],
    ['KIM_PORT', '65536', 'an integer from 1 to 65535'],
    ['KIM_PORT', '80.5', 'an integer from 1 to 65535'],
    ['KIM_HOST', 'not a host', 'an IP address or a host name'],
    ['KIM_EVENT_STORE', 'eventstoredb', '"postgres" or "kurrentdb"'],
    ['KIM_DB_POOL_SIZE', '0', 'an integer from 1 to 1000'],
    ['KIM_DB_POOL_SIZE', 'ten', 'an integer from 1 to 1000'],
    ['KIM_MIGRATE_ON_START', 'yes', '"true" or "false"'],
    ['KIM_LOG_LEVEL', 'verbose', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['KIM_DEMO_DATA', 'ja', '"true" or "false"'],
    ['KIM_SECURE_COOKIE', '1', '"true" or "false"'],
    ['KIM_TRUST_PROXY', '11', 'a hop count from 1 to 10'],
    ['KIM_TRUST_PROXY', 'proxy.example', 'proxy addresses'],
    ['KIM_TRUST_PROXY', '10.0.0.0/33', 'CIDR ranges'],
    ['KIM_IDEMPOTENCY_RETENTION_HOURS', '0', 'an integer from 1 to 8760'],
  ])('names %s=%j with what it expects', (variable, value, expected) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0].variable).toBe(variable);
    expect(problems[0].expected).toContain(expected);
    expect(problems[0].received).toBe(value);
  });

  it('lists every problem at once, each in the message', () => {
    const error = configErrorOf({ KIM_PORT: 'x', KIM_HOST: 'a b', KIM_LOG_LEVEL: 'loud', KIM_MIGRATE_ON_START: '1', KIM_DB_POOL_SIZE: '-1' });
    expect(error.problems.map((p) => p.variable)).toEqual([
      'KIM_PORT',
      'KIM_HOST',
      'KIM_DB_POOL_SIZE',
      'KIM_MIGRATE_ON_START',
      'KIM_LOG_LEVEL',
    ]);
    for (const variable of ['KIM_PORT', 'KIM_HOST', 'KIM_DB_POOL_SIZE', 'KIM_MIGRATE_ON_START', 'KIM_LOG_LEVEL']) {
      expect(error.message).toContain(variable);
    }
    expect(error.message).toContain('got "loud"');
  });

  it('rejects a malformed database URL without repeating it, since it may hold a password', () => {
    const error = configErrorOf({ KIM_DATABASE_URL: 'mysql://kim:S3cret@db/kim' });
    expect(error.problems).toEqual([{ variable: 'KIM_DATABASE_URL', expected: expect.stringContaining('postgres://') }]);
    expect(error.message).not.toContain('S3cret');
  });

  it('rejects a malformed KurrentDB connection string without repeating it', () => {
    const error = configErrorOf({ KIM_EVENT_STORE: 'kurrentdb', KIM_KURRENTDB_URL: 'http://admin:changeit@node1:2113' });
    expect(error.problems.map((p) => p.variable)).toEqual(['KIM_KURRENTDB_URL']);
    expect(error.message).not.toContain('changeit');
  });

  it('requires KIM_KURRENTDB_URL when the event store is KurrentDB', () => {
    expect(problemsOf({ KIM_EVENT_STORE: 'kurrentdb' })).toEqual([
      { variable: 'KIM_KURRENTDB_URL', expected: expect.stringContaining('required when KIM_EVENT_STORE=kurrentdb') },
    ]);
  });

  it('refuses a KurrentDB URL while the event store is PostgreSQL, rather than ignoring it', () => {
    expect(problemsOf({ KIM_KURRENTDB_URL: 'kurrentdb://localhost:2113?tls=false' })).toEqual([
      { variable: 'KIM_KURRENTDB_URL', expected: expect.stringContaining('KIM_EVENT_STORE') },
    ]);
  });

  it('accepts the cluster forms of the KurrentDB connection string', () => {
    for (const url of [
      'kurrentdb://node1:2113,node2:2113,node3:2113?nodePreference=leader',
      'kurrentdb+discover://cluster.kim.example:2113',
    ]) {
      expect(loadConfig({ KIM_EVENT_STORE: 'kurrentdb', KIM_KURRENTDB_URL: url }).eventStore).toEqual({
        kind: 'kurrentdb',
        connectionString: url,
      });
    }
  });

  it('names an option the KurrentDB client would ignore, without the rest of the string', () => {
    const error = configErrorOf({
      KIM_EVENT_STORE: 'kurrentdb',
      KIM_KURRENTDB_URL: 'kurrentdb://admin:changeit@node1:2113?tls=true&nodePrefrence=leader',
    });
    expect(error.problems).toEqual([{ variable: 'KIM_KURRENTDB_URL', expected: expect.stringContaining('unknown: nodePrefrence') }]);
    expect(error.message).not.toContain('changeit');
  });

  it('defaults demo data on and the Secure cookie off only for the embedded store; a server gets the opposite', () => {
    expect(loadConfig({})).toMatchObject({ demoData: true, secureCookie: false });
    expect(loadConfig({ KIM_DATABASE_URL: 'postgres://db/kim' })).toMatchObject({ demoData: false, secureCookie: true });
    expect(loadConfig({ KIM_DATABASE_URL: 'postgres://db/kim', KIM_DEMO_DATA: 'TRUE' }).demoData).toBe(true);
  });

  it('reads a hop count for KIM_TRUST_PROXY', () => {
    expect(loadConfig({ KIM_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ KIM_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('refuses a master key that is not 32 bytes of base64, without repeating it', () => {
    for (const key of [Buffer.alloc(16, 1).toString('base64'), `${MASTER_KEY.toString('base64')}x`, 'not base64 at all, surely not!!!!!!!!!!!!!!=']) {
      const error = configErrorOf({ KIM_MASTER_KEY: key });
      expect(error.problems).toEqual([{ variable: 'KIM_MASTER_KEY', expected: expect.stringContaining('32 bytes') }]);
      expect(error.message).not.toContain(key);
    }
  });

  it('lets the command line tools run without the master key, but not the service with a database server', () => {
    const server = { KIM_DATABASE_URL: 'postgres://kim@db/kim' };
    expect(loadConfig(server).masterKey).toBeNull();
    expect(() => loadServiceConfig(server)).toThrow(ConfigError);
    expect(loadServiceConfig({ ...server, KIM_MASTER_KEY: MASTER_KEY.toString('base64') }).masterKey).toEqual(MASTER_KEY);
    expect(loadServiceConfig({}).masterKey).toBeNull();
  });
});
