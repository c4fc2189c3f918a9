// Kiosk devices: registration, heartbeats, prints, collecting tickets, out of service, and the
// dashboard's fleet.
//
// What other folders may use of it (its routers are merged by server/src/router.ts):
export { loadFleet } from './load-fleet';
