import type { ColumnType, Generated } from 'kysely';
import type { ProjectionGenerationsTable, ProjectionsTable } from '../../projections/registry/projection-registry.tables';

/** Tables of the event store. Read models add their own tables in their own modules. */
export interface EventsTable {
  global_position: Generated<string>;
  transaction_id: Generated<string>;
  stream_id: string;
  revision: ColumnType<string, number, never>;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: ColumnType<unknown, string, never>;
  metadata: ColumnType<unknown, string, never>;
  hash: ColumnType<Buffer, Buffer, never>;
}

export interface ClientKeysTable {
  client_id: string;
  wrapped_key: Buffer | null;
  created_at: Date;
  erased_at: Date | null;
  erased_by: string | null;
  legal_basis: string | null;
}

/** Identity of the standalone installation (migration 0003-identity). */
export interface DistrictsTable {
  id: string;
  name: string;
  created_at: Date;
}

export interface OrganisationUnitsTable {
  id: string;
  district_id: string;
  name: string;
  kind: 'integration_centre' | 'provider';
  data_protection_regime: 'dsg_nrw' | 'kdg' | 'dsg_ekd' | 'bdsg';
  created_at: Date;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: 'case_manager' | 'coordination' | 'auditor' | 'reporting' | 'administrator';
  district_id: string;
  organisation_unit_id: string | null;
  password_hash: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Date;
}

export interface SessionsTable {
  id: string;
  token_hash: ColumnType<Buffer, Buffer, never>;
  kind: 'browser' | 'api';
  user_id: string;
  csrf_token: string | null;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
}

export interface LoginAttemptsTable {
  username_key: Buffer;
  window_started_at: Date;
  attempts: number;
}

export interface IdempotencyKeysTable {
  principal_id: string;
  idempotency_key: string;
  request_hash: string;
  status_code: number;
  response_body: ColumnType<unknown, string, never>;
  created_at: Date;
}

export interface DatabaseSchema {
  kim_events: EventsTable;
  kim_client_keys: ClientKeysTable;
  kim_districts: DistrictsTable;
  kim_organisation_units: OrganisationUnitsTable;
  kim_users: UsersTable;
  kim_sessions: SessionsTable;
  kim_login_attempts: LoginAttemptsTable;
  kim_idempotency_keys: IdempotencyKeysTable;
  kim_projections: ProjectionsTable;
  kim_projection_generations: ProjectionGenerationsTable;
}
