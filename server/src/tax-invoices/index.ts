// GST tax invoices and credit notes: the numbered series per cinema and financial year, a
// booking's invoice issued as it is confirmed and a credit note as it is refunded, and the stored
// documents as every screen shows them.
//
// What other folders may use of it:
export { issueCreditNote } from './issue-credit-note';
export { issueInvoice, issuePreparedInvoices, prepareInvoice } from './issue-invoice';
export type { TIssuedDocument, TPreparedInvoice } from './issue-invoice';
export { loadInvoice } from './load-invoice';
export { toTaxDocument } from './tax-document-row';
