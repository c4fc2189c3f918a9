// The dashboard's view of the door: tickets admitted twice by doors that were offline.
//
// What other folders may use of it: nothing yet; its routers are merged by server/src/router.ts.
export {};
