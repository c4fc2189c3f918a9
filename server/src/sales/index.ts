// Sales reports and their CSV for the dashboard.
//
// What other folders may use of it: nothing yet; its routers are merged by server/src/router.ts.
export {};
