import type { ColumnType, Generated } from 'kysely';

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

export interface DatabaseSchema {
  kim_events: EventsTable;
  kim_client_keys: ClientKeysTable;
}
