import type { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk inserts through `COPY ... FROM STDIN` in the binary format (`BinaryCopyWriter`), inside kysely's
 * transactions, on the server and on PGlite. COPY's text format already took rows apart about twice as cheaply
 * as `INSERT ... SELECT FROM unnest(<arrays>)` (20,000 audit-trail rows: 61 against 129 ms of server time), the
 * binary one at about half that again (docs/BENCHMARKS.md). Kysely hands a driver a statement's text and
 * parameters and nothing else, so the rows travel as the only parameter of a statement that is exactly
 * `COPY <table> (<columns>) FROM STDIN WITH (FORMAT binary)`: the pg clients of `openDatabase`
 * (`enableCopyFromStdin`) and its PGlite (`withCopyFromStdin`) send that parameter as COPY's input. Anywhere
 * else the server answers "COPY from stdin failed: No source stream defined", and nothing is written.
 */
export async function copyFromStdin(db: Kysely<unknown>, target: RawBuilder<unknown>, rows: Uint8Array): Promise<void> {
  const { sql: text } = sql`COPY ${target} FROM STDIN WITH (FORMAT binary)`.compile(db);
  await db.executeQuery(CompiledQuery.raw(text, [rows]));
}

/** The one parameter is COPY's binary input; `;` would allow a second statement and never occurs in one. */
const COPY_FROM_STDIN = /^COPY [^;]+ FROM STDIN WITH \(FORMAT binary\)$/;

function copyInput(args: readonly unknown[]): Uint8Array | null {
  const [text, values] = args;
  if (args.length !== 2 || typeof text !== 'string' || !Array.isArray(values) || values.length !== 1) return null;
  return values[0] instanceof Uint8Array && COPY_FROM_STDIN.test(text) ? values[0] : null;
}

/** Lets a pooled client of the server run `copyFromStdin`'s statements; every other query goes on as before. */
export function enableCopyFromStdin(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const input = copyInput(args);
    return input === null ? query(...args) : copyIn(client, args[0] as string, input);
  }) as PoolClient['query'];
}

/** Resolves once the server has stored the rows, with the result kysely reads (`rows`); rejects on its error. */
async function copyIn(client: PoolClient, text: string, input: Uint8Array): Promise<{ command: string; rowCount: number; rows: [] }> {
  const stream = client.query(copyFrom(text));
  stream.end(input);
  await finished(stream);
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}

/** The PGlite that `PGliteDialect` is given: it reads COPY's input from a blob named in the statement instead. */
export function withCopyFromStdin(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get(target, key) {
      if (key === 'query') {
        return (...args: unknown[]) => {
          const input = copyInput(args);
          if (input === null) return (target.query as (...a: unknown[]) => unknown)(...args);
          const text = (args[0] as string).replace(/ FROM STDIN /, " FROM '/dev/blob' ");
          return target.query(text, [], { blob: new Blob([input]) });
        };
      }
      // PGlite's methods use private fields, which exist on the target only.
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
