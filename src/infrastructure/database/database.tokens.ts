/** The one open `Database` of the process, shared by the PostgreSQL event store and the read models. */
export const DATABASE = Symbol('Database');
