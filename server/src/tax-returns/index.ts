// The month's GST returns of a cinema, read from its stored invoices and credit notes: the B2C
// summary (GSTR-1 Table 7), the document summary (Table 13), the register of every document and
// complimentary ticket, on the dashboard and as CSV.
//
// What other folders may use of it: nothing yet; its router is merged by server/src/router.ts and
// its CSV routes registered by server/src/app.ts.
export {};
