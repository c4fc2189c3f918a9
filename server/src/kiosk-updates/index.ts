// Kiosk software updates: releases admins upload, their rollout to the fleet, and the feed each
// kiosk's updater reads.
//
// What other folders may use of it (its router is merged by server/src/router.ts, its HTTP routes
// registered by app.ts):
export { offeredRelease } from './offered-release';
