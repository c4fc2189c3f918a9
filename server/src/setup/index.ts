// A new installation's first cinema and admin (`node server/dist/setup.js`, README: Running it for real).
//
// What other folders may use of it:
export { cinemaSlug, createFirstCinema } from './create-first-cinema';
export type { TFirstCinema } from './create-first-cinema';
