import type { ColumnType } from 'kysely';

/** Tables of migration 0005-projections. */

export type GenerationStatus = 'building' | 'active' | 'retired';

export interface ProjectionsTable {
  name: string;
  /** The generation readers use; `null` until the first build has caught up. */
  active_generation: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ProjectionGenerationsTable {
  projection: string;
  generation: number;
  version: number;
  schema_name: string;
  status: GenerationStatus;
  /** The last event applied; `null` before the first. */
  checkpoint: string | null;
  /** bigint: pg hands it back as a string. */
  events_applied: ColumnType<string | number, number | undefined, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ProjectionRegistrySchema {
  kim_projections: ProjectionsTable;
  kim_projection_generations: ProjectionGenerationsTable;
}
