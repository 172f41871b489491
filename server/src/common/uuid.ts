/** A canonical lower-case UUID. Checked before a key reaches SQL: PostgreSQL would answer a malformed one with an error (a 500), not "not found". */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
