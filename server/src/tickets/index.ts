// Signed tickets: the token, the PDF and e-ticket, and admission at the door (check-in, offline
// pack and sync).
//
// What other folders may use of it:
export { renderTicketsPdf } from './render-tickets-pdf';
export { loadTicketDocument } from './ticket-document';
export { signTicketToken, ticketSigningKey } from './ticket-keys';
