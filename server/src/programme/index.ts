// The cinema's programme as the dashboard edits it: films, screens and layouts, shows, prices.
//
// What other folders may use of it: nothing yet; its routers are merged by server/src/router.ts.
export {};
