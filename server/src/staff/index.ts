// Staff accounts and their sign-in as the dashboard and the door use them.
//
// What other folders may use of it: nothing yet; its routers are merged by server/src/router.ts.
export {};
