// The dashboard's Tonight board: the kiosks needing a person and the day's shows with their
// figures, live.
//
// What other folders may use of it: nothing; its router is merged by server/src/router.ts.
export {};
