import { type Kysely, sql } from 'kysely';

/**
 * The projection registry (docs/decisions/0006-projection-runner.md). Every build of a read model is a
 * generation in a schema of its own; `kim_projections.active_generation` is the one pointer readers follow.
 * A generation's checkpoint is written in the same transaction as the read-model change it describes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kim_projections (
      name text PRIMARY KEY,
      active_generation integer,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE kim_projection_generations (
      projection text NOT NULL REFERENCES kim_projections (name),
      generation integer NOT NULL CHECK (generation > 0),
      version integer NOT NULL CHECK (version > 0),
      schema_name text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
      checkpoint text,
      events_applied bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (projection, generation)
    )`.execute(db);

  // One build and one active generation per projection at a time, whatever the processes racing to start them.
  await sql`CREATE UNIQUE INDEX kim_projection_generations_one_building ON kim_projection_generations (projection)
    WHERE status = 'building'`.execute(db);
  await sql`CREATE UNIQUE INDEX kim_projection_generations_one_active ON kim_projection_generations (projection)
    WHERE status = 'active'`.execute(db);
  await sql`
    ALTER TABLE kim_projections ADD CONSTRAINT kim_projections_active_generation
      FOREIGN KEY (name, active_generation) REFERENCES kim_projection_generations (projection, generation)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE kim_projections DROP CONSTRAINT kim_projections_active_generation`.execute(db);
  await sql`DROP TABLE kim_projection_generations`.execute(db);
  await sql`DROP TABLE kim_projections`.execute(db);
}
