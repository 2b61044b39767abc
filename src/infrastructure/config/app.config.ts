import { isIP } from 'node:net';
import { join } from 'node:path';
import type { DatabaseConfig } from '../database/database';

/** The configuration of one running process, read once at start from the environment. */
export interface AppConfig {
  http: { host: string; port: number };
  eventStore: EventStoreConfig;
  /** Read models always live here; with `eventStore.kind === 'postgres'` the event log does too. */
  database: DatabaseConfig;
  /** Where local files live (PGlite's data below it). */
  dataDir: string;
  migrateOnStart: boolean;
  logLevel: LogLevel;
  /**
   * Wraps every client's data key (KIM_MASTER_KEY, 32 bytes). Null: the embedded installation keeps a key file
   * beside its data (`${dataDir}/master.key`); the service refuses to start that way with a database server.
   */
  masterKey: Buffer | null;
  /** Create the demo district (published passwords) on an empty identity store at start. */
  demoData: boolean;
  /** The `Secure` flag of the session cookie: on wherever users reach the service over HTTPS. */
  secureCookie: boolean;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe (false: none). */
  trustProxy: TrustProxy;
  /** How long the answer to a request with an Idempotency-Key is kept for repeats of it. */
  idempotencyRetentionHours: number;
}

/** A hop count, or the proxies' addresses (IPs, CIDR ranges or Express's names such as `loopback`). */
export type TrustProxy = false | number | string[];

export type EventStoreConfig = { kind: 'postgres' } | { kind: 'kurrentdb'; connectionString: string };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const APP_CONFIG = Symbol('AppConfig');

export interface ConfigProblem {
  variable: string;
  expected: string;
  /** What was found; absent for values that may hold credentials (connection strings). */
  received?: string;
}

/** The environment cannot run the service. Lists every problem, so one restart fixes them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map(describeProblem).join('\n')}`);
  }
}

function describeProblem(problem: ConfigProblem): string {
  const received = problem.received === undefined ? '' : `, got ${JSON.stringify(problem.received)}`;
  return `  - ${problem.variable}: expected ${problem.expected}${received}`;
}

const KURRENTDB_SCHEMES = ['kurrentdb', 'kurrent', 'kdb', 'esdb'].flatMap((scheme) => [scheme, `${scheme}+discover`]);

/**
 * The query options @kurrent/kurrentdb-client 1.x understands. It ignores others with a console warning that
 * prints the whole connection string, password included; a typo such as `nodePrefrence` would also go unnoticed.
 */
const KURRENTDB_OPTIONS = [
  'userCertFile',
  'userKeyFile',
  'maxDiscoverAttempts',
  'connectionName',
  'defaultDeadline',
  'discoveryInterval',
  'gossipTimeout',
  'nodePreference',
  'tls',
  'tlsVerifyCert',
  'tlsCAFile',
  'throwOnAppendFailure',
  'keepAliveInterval',
  'keepAliveTimeout',
];

/** Pure: everything it knows comes from `env`. Empty values count as unset (compose passes `VAR=` for unset ones). */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const problems: ConfigProblem[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const reject = (variable: string, expected: string, received?: string): undefined => {
    problems.push({ variable, expected, received });
    return undefined;
  };
  /** The parsed value, the parsed default when unset, or `undefined` with the problem recorded. */
  const setting = <T>(
    name: string,
    fallback: string,
    parse: (text: string) => T | undefined,
    expected: string,
  ): T | undefined => {
    const text = read(name) ?? fallback;
    return parse(text) ?? reject(name, expected, text);
  };

  const port = setting('KIM_PORT', '3000', (text) => integerIn(text, 1, 65535), 'an integer from 1 to 65535');
  const host = setting(
    'KIM_HOST',
    '127.0.0.1',
    (text) => (isHost(text) ? text : undefined),
    'an IP address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::)',
  );
  const storeKind = setting(
    'KIM_EVENT_STORE',
    'postgres',
    (text) => oneOf(text, ['postgres', 'kurrentdb'] as const),
    '"postgres" or "kurrentdb"',
  );
  const poolSize = setting('KIM_DB_POOL_SIZE', '10', (text) => integerIn(text, 1, 1000), 'an integer from 1 to 1000');
  const migrateOnStart = setting('KIM_MIGRATE_ON_START', 'true', parseBoolean, '"true" or "false"');
  const logLevel = setting('KIM_LOG_LEVEL', 'info', (text) => oneOf(text, LOG_LEVELS), `one of ${LOG_LEVELS.join(', ')}`);
  const dataDir = read('KIM_DATA_DIR') ?? './data';
  const databaseUrl = read('KIM_DATABASE_URL');
  // The embedded store is for trying the software on one's own machine, usually over plain http.
  const embedded = databaseUrl === undefined;
  const demoData = setting('KIM_DEMO_DATA', String(embedded), parseBoolean, '"true" or "false"');
  const secureCookie = setting('KIM_SECURE_COOKIE', String(!embedded), parseBoolean, '"true" or "false"');
  const trustProxy = setting('KIM_TRUST_PROXY', 'false', parseTrustProxy, TRUST_PROXY_EXPECTED);
  const idempotencyRetentionHours = setting('KIM_IDEMPOTENCY_RETENTION_HOURS', '24', (text) => integerIn(text, 1, 8760), 'an integer from 1 to 8760 (hours)');

  // The master key is a secret: its problems never quote it.
  const masterKeyText = read('KIM_MASTER_KEY');
  const masterKey = masterKeyText === undefined ? null : parseMasterKeyText(masterKeyText);
  if (masterKey === undefined) reject('KIM_MASTER_KEY', '32 bytes in base64, e.g. from `openssl rand -base64 32` (value not shown)');

  // Connection strings may carry passwords: their problems never quote them.
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    reject('KIM_DATABASE_URL', 'a postgres:// or postgresql:// URL (value not shown)');
  }
  const kurrentUrl = read('KIM_KURRENTDB_URL');
  if (kurrentUrl !== undefined && !hasScheme(kurrentUrl, KURRENTDB_SCHEMES)) {
    reject('KIM_KURRENTDB_URL', 'a KurrentDB connection string such as kurrentdb://host:2113?tls=false (value not shown)');
  }
  for (const key of unknownKurrentDbOptions(kurrentUrl)) {
    reject('KIM_KURRENTDB_URL', `only options the KurrentDB client knows (${KURRENTDB_OPTIONS.join(', ')}); unknown: ${key}`);
  }
  if (storeKind === 'kurrentdb' && kurrentUrl === undefined) {
    reject('KIM_KURRENTDB_URL', 'a KurrentDB connection string, required when KIM_EVENT_STORE=kurrentdb');
  }
  // Otherwise events would silently go to PostgreSQL while the operator believes they go to KurrentDB.
  if (storeKind === 'postgres' && kurrentUrl !== undefined) {
    reject('KIM_KURRENTDB_URL', 'to be unset while KIM_EVENT_STORE is "postgres" (set KIM_EVENT_STORE=kurrentdb to use it)');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  // Every `undefined` above recorded a problem, so past the throw each value is set.
  return {
    http: { host: host!, port: port! },
    eventStore: storeKind === 'kurrentdb' ? { kind: 'kurrentdb', connectionString: kurrentUrl! } : { kind: 'postgres' },
    database:
      databaseUrl !== undefined
        ? { kind: 'postgres', url: databaseUrl, poolSize: poolSize! }
        : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    dataDir,
    migrateOnStart: migrateOnStart!,
    logLevel: logLevel!,
    masterKey: masterKey!,
    demoData: demoData!,
    secureCookie: secureCookie!,
    trustProxy: trustProxy!,
    idempotencyRetentionHours: idempotencyRetentionHours!,
  };
}

/**
 * What the running service needs beyond what every command line tool needs: a database server holds real
 * cases, so their personal data must be wrapped by a key from the operator's secret store, not a local file.
 */
export function loadServiceConfig(env: NodeJS.ProcessEnv): AppConfig {
  const config = loadConfig(env);
  if (config.database.kind === 'postgres' && config.masterKey === null) {
    throw new ConfigError([
      { variable: 'KIM_MASTER_KEY', expected: '32 bytes in base64 (`openssl rand -base64 32`), required when KIM_DATABASE_URL is set' },
    ]);
  }
  return config;
}

/** The key, `undefined` when it is not 32 bytes of canonical base64 (a typo must not silently shorten a key). */
function parseMasterKeyText(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) return undefined;
  const key = Buffer.from(text, 'base64');
  return key.length === 32 ? key : undefined;
}

const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const TRUST_PROXY_EXPECTED =
  '"false", a hop count from 1 to 10, or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal, uniquelocal';

function parseTrustProxy(text: string): TrustProxy | undefined {
  if (text.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(text)) return integerIn(text, 1, 10);
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : undefined;
}

function isProxyAddress(entry: string): boolean {
  if (TRUST_PROXY_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || integerIn(prefix, 0, version === 4 ? 32 : 128) !== undefined;
}

function integerIn(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function parseBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function oneOf<T extends string>(text: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(text) ? (text as T) : undefined;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function isHost(text: string): boolean {
  return isIP(text) !== 0 || HOST_NAME.test(text);
}

function hasScheme(text: string, schemes: readonly string[]): boolean {
  const match = /^([a-z+]+):\/\/[^/?#\s]+/.exec(text);
  return match !== null && schemes.includes(match[1]);
}

/** Option names only: values may be secrets. Matched the way the client matches them (case, `-` and `_` ignored). */
function unknownKurrentDbOptions(connectionString: string | undefined): string[] {
  const query = connectionString?.split('?')[1];
  if (!query) return [];
  const flat = (key: string) => key.toLowerCase().replace(/[_-]/g, '');
  const known = new Set(KURRENTDB_OPTIONS.map(flat));
  return query
    .split('&')
    .map((pair) => pair.split('=')[0].trim())
    .filter((key) => key !== '' && !known.has(flat(key)))
    .map((key) => (/^[A-Za-z0-9_-]{1,40}$/.test(key) ? key : '(unreadable key)'));
}

/** A server URL, or a Unix socket given as `postgresql:///db?host=/run/postgresql`. */
function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && (url.hostname !== '' || url.searchParams.has('host'));
  } catch {
    return false;
  }
}
