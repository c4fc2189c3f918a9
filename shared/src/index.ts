export * from './api/catalog';
export * from './api/holds';
export * from './api/seats';
export * from './base64url';
export * from './errors';
export * from './money';
export * from './seat-map';
export * from './ticket-token';
