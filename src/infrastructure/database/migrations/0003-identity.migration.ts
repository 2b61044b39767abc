import { type Kysely, sql } from 'kysely';

/**
 * Accounts of a standalone installation (docs/operations/identity.md). Each organisation unit is its own data
 * controller, so it records the data-protection act it falls under. Sessions and API tokens keep only the
 * SHA-256 of the token: a copy of this table signs nobody in. Login attempts are keyed by a hash of the
 * username as typed, because people sometimes type their password into the username field.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kim_districts (
      id text PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE kim_organisation_units (
      id text PRIMARY KEY,
      district_id text NOT NULL REFERENCES kim_districts (id),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('integration_centre', 'provider')),
      data_protection_regime text NOT NULL CHECK (data_protection_regime IN ('dsg_nrw', 'kdg', 'dsg_ekd', 'bdsg')),
      created_at timestamptz NOT NULL,
      CONSTRAINT kim_organisation_units_name UNIQUE (district_id, name),
      -- Target of the users' composite key: a user's unit must lie in the user's district.
      CONSTRAINT kim_organisation_units_in_district UNIQUE (id, district_id)
    )`.execute(db);

  await sql`
    CREATE TABLE kim_users (
      id text PRIMARY KEY,
      username text NOT NULL CHECK (username = lower(username)),
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('case_manager', 'coordination', 'auditor', 'reporting', 'administrator')),
      district_id text NOT NULL REFERENCES kim_districts (id),
      organisation_unit_id text,
      password_hash text NOT NULL,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      CONSTRAINT kim_users_username UNIQUE (username),
      CONSTRAINT kim_users_unit_in_district FOREIGN KEY (organisation_unit_id, district_id)
        REFERENCES kim_organisation_units (id, district_id),
      -- A case manager's cases belong to a unit; district-wide roles may have none.
      CONSTRAINT kim_users_case_manager_unit CHECK (role <> 'case_manager' OR organisation_unit_id IS NOT NULL)
    )`.execute(db);

  await sql`
    CREATE TABLE kim_sessions (
      id text PRIMARY KEY,
      token_hash bytea NOT NULL,
      kind text NOT NULL CHECK (kind IN ('browser', 'api')),
      user_id text NOT NULL REFERENCES kim_users (id) ON DELETE CASCADE,
      csrf_token text,
      created_at timestamptz NOT NULL,
      last_used_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      CONSTRAINT kim_sessions_token_hash UNIQUE (token_hash),
      -- Only cookies are sent by browsers on their own, so only browser sessions need a CSRF token.
      CONSTRAINT kim_sessions_csrf CHECK ((kind = 'browser') = (csrf_token IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX kim_sessions_user ON kim_sessions (user_id)`.execute(db);

  await sql`
    CREATE TABLE kim_login_attempts (
      username_key bytea PRIMARY KEY,
      window_started_at timestamptz NOT NULL,
      attempts integer NOT NULL CHECK (attempts > 0)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE kim_login_attempts`.execute(db);
  await sql`DROP TABLE kim_sessions`.execute(db);
  await sql`DROP TABLE kim_users`.execute(db);
  await sql`DROP TABLE kim_organisation_units`.execute(db);
  await sql`DROP TABLE kim_districts`.execute(db);
}
