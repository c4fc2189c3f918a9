const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path parameter or token field is a UUID (REST routes check before touching Postgres). */
export const isUuid = (value: string): boolean => UUID.test(value);
