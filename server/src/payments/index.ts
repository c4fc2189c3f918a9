// Money in: Razorpay orders and UPI QR codes, verification, webhooks, settlement of a captured
// payment, reconciliation.
//
// What other folders may use of it:
export { reconcilePayments } from './reconcile-payments';
export { createOrder } from './create-order';
