import { type Kysely, type RawBuilder, sql } from 'kysely';
import { RunMemory } from '../run.memory';

/**
 * The names an audit trail row is searched by (its case, its kind of event, its actor, its case's district) as
 * codes: the search indexes sort integers instead of text, of which the benchmark's log has few distinct values
 * (17 kinds of event, 49 actors, one district) and long common prefixes, so nearly every comparison of a build
 * read the whole text. The eight builds of a million rows: 2.8-3.1 against 4.2-4.7 s, and a fifth less heap
 * (244 against 306 MB), which each build scans (docs/BENCHMARKS.md, fifth session).
 */
export type NameKind = 'case' | 'event_type' | 'actor' | 'district';

export const AUDIT_TRAIL_NAMES_TABLE = 'audit_trail_names';

const namesTable = (schema: string): RawBuilder<unknown> => sql.id(schema, AUDIT_TRAIL_NAMES_TABLE);

/** A code stands for one name of one kind, for good: rows keep it, so it never changes or goes. */
export async function createAuditTrailNames(db: Kysely<unknown>, schema: string): Promise<void> {
  await sql`
    CREATE TABLE ${namesTable(schema)} (
      code integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text COLLATE "C" NOT NULL,
      name text COLLATE "C" NOT NULL,
      UNIQUE (kind, name)
    )`.execute(db);
}

/**
 * The codes of a search's names, looked up before the search rather than inside it: the planner then knows which
 * code it selects by and how many rows have it. As a subquery it planned for an average kind of event, and
 * walked back the whole trail for a rare one (reopened cases: 184 against 0.3 ms). `null` when a name was never
 * stored, so no row can match.
 */
export async function lookUpCodes(
  db: Kysely<unknown>,
  schema: string,
  names: Partial<Record<NameKind, string>>,
): Promise<Partial<Record<NameKind, number>> | null> {
  const wanted = Object.entries(names).filter((entry): entry is [NameKind, string] => entry[1] !== undefined);
  if (wanted.length === 0) return {};
  const result = await sql<{ kind: NameKind; code: number }>`
    SELECT kind, code FROM ${namesTable(schema)}
    WHERE (kind, name) IN (SELECT * FROM unnest(${wanted.map(([kind]) => kind)}::text[], ${wanted.map(([, name]) => name)}::text[]))`.execute(db);
  if (result.rows.length < wanted.length) return null;
  return Object.fromEntries(result.rows.map((row) => [row.kind, Number(row.code)]));
}

/** The name a code of a found row stands for (`alias.code` joined to it). */
export function namesJoin(schema: string, alias: string, code: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`JOIN ${namesTable(schema)} AS ${sql.id(alias)} ON ${sql.id(alias, 'code')} = ${code}`;
}

/** Per kind, a name for each row of a batch (null: the row has none of that kind). */
export type BatchNames = Readonly<Record<NameKind, ReadonlyArray<string | null>>>;
/** Per kind, each row's code, in the order of its names. */
export type BatchCodes = Readonly<Record<NameKind, ReadonlyArray<number | null>>>;

/** Cases the run remembers the codes of: all of the benchmark's 25,000 and room to spare; of each other kind, few. */
const CASES_KEPT = 50_000;
const OTHERS_KEPT = 10_000;

/**
 * The codes a run (an unbroken run of batches, `AuditTrailRunPosition`) has written or read, so a batch reads or
 * adds only the names it is the first to see. Under the run, every code remembered is committed or in the batch
 * being written: a batch that fails ends its run, and the memory with it.
 */
export class AuditTrailNameCodes {
  private readonly memories: Record<NameKind, RunMemory<number>> = {
    case: new RunMemory<number>(CASES_KEPT),
    event_type: new RunMemory<number>(OTHERS_KEPT),
    actor: new RunMemory<number>(OTHERS_KEPT),
    district: new RunMemory<number>(OTHERS_KEPT),
  };

  /**
   * The code of every name of the batch: from the run's memory, else read, or added with a new code, all in one
   * statement at most. One map lookup per row and kind: a batch has a million names in a rebuild of all.
   */
  async codesOf(db: Kysely<unknown>, schema: string, names: BatchNames): Promise<BatchCodes> {
    const known: Record<NameKind, Map<string, number>> = { case: new Map(), event_type: new Map(), actor: new Map(), district: new Map() };
    const codes = {} as Record<NameKind, Array<number | null>>;
    const missing: Array<{ kind: NameKind; row: number }> = [];
    for (const kind of NAME_KINDS) {
      const rows = names[kind];
      const out = new Array<number | null>(rows.length);
      const batch = known[kind];
      const memory = this.memories[kind];
      for (let row = 0; row < rows.length; row++) {
        const name = rows[row];
        if (name === null) {
          out[row] = null;
          continue;
        }
        let code = batch.get(name);
        if (code === undefined) {
          code = memory.get(name);
          if (code !== undefined) batch.set(name, code);
          else missing.push({ kind, row });
        }
        out[row] = code ?? null;
      }
      codes[kind] = out;
    }
    if (missing.length > 0) {
      for (const row of await this.readOrAdd(db, schema, missing.map(({ kind, row }) => [kind, names[kind][row] as string]))) known[row.kind].set(row.name, row.code);
      for (const { kind, row } of missing) codes[kind][row] = known[kind].get(names[kind][row] as string) as number;
    }
    for (const kind of NAME_KINDS) for (const [name, code] of known[kind]) this.memories[kind].remember(name, code);
    return codes;
  }

  private async readOrAdd(db: Kysely<unknown>, schema: string, names: ReadonlyArray<readonly [NameKind, string]>): Promise<Array<{ code: number; kind: NameKind; name: string }>> {
    const unique = [...new Map(names.map(([kind, name]) => [`${kind}\u0000${name}`, [kind, name] as const])).values()];
    // Rows added here are not seen by the second SELECT (one snapshot), so together they hold each name once. The
    // stored names are looked up by key, one wanted name after the other (`LATERAL ... LIMIT 1` cannot become a
    // join): as a join, the planner of a generation never analysed hashed all 25,000 names for every batch.
    const result = await sql<{ code: number; kind: NameKind; name: string }>`
      WITH wanted (kind, name) AS (SELECT * FROM unnest(${unique.map(([kind]) => kind)}::text[], ${unique.map(([, name]) => name)}::text[])),
        added AS (
          INSERT INTO ${namesTable(schema)} (kind, name) SELECT kind, name FROM wanted
          ON CONFLICT (kind, name) DO NOTHING RETURNING code, kind, name)
      SELECT code, kind, name FROM added
      UNION ALL
      SELECT n.code, n.kind, n.name FROM wanted AS w
        CROSS JOIN LATERAL (SELECT x.code, x.kind, x.name FROM ${namesTable(schema)} AS x WHERE x.kind = w.kind AND x.name = w.name LIMIT 1) AS n`.execute(db);
    return result.rows.map((row) => ({ ...row, code: Number(row.code) }));
  }
}

const NAME_KINDS: readonly NameKind[] = ['case', 'event_type', 'actor', 'district'];
