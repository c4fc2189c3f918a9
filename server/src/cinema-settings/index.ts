// The cinema's own settings as an admin keeps them: for now its tax particulars (legal name,
// address, GST state, GSTIN, SACs, the booking fee's GST rate, the invoice number prefix), which
// every e-ticket, as the cinema's tax invoice, must carry.
//
// What other folders may use of it: nothing yet; its router is merged by server/src/router.ts.
export {};
