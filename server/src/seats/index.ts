// Live seat changes of a show, and the dashboard's seat blocks.
//
// What other folders may use of it: nothing yet; its routers are merged by server/src/router.ts.
export {};
