// The dashboard's view of the background queues: health, failed jobs, retry.
//
// What other folders may use of it: nothing yet; its routers are merged by server/src/router.ts.
export {};
