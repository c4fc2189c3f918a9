// A customer paying for a hold by Checkout, as the web app does: order, the sandbox's bank pays,
// the handler's signed response goes to payments.verify. Returns the confirmed booking's id.
import type { createCustomerClient } from './customer-client';

type TCustomer = ReturnType<typeof createCustomerClient>;

export async function holdAndPay(
  customer: TCustomer,
  sandboxUrl: string,
  { showtimeId, seatIds, email, phone }: { showtimeId: string; seatIds: string[]; email?: string; phone?: string },
) {
  const hold = await customer.holds.create.mutate({ showtimeId, seatIds });
  if (email || phone) await customer.bookings.setContact.mutate({ bookingId: hold.bookingId, email, phone });
  const order = await customer.payments.createOrder.mutate({ bookingId: hold.bookingId, method: 'checkout' });
  const res = await fetch(`${sandboxUrl}/_sandbox/orders/${order.orderId}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"outcome":"captured"}',
  });
  const paid = (await res.json()) as Record<string, string>;
  await customer.payments.verify.mutate({
    bookingId: hold.bookingId,
    razorpay_order_id: paid.razorpay_order_id!,
    razorpay_payment_id: paid.razorpay_payment_id!,
    razorpay_signature: paid.razorpay_signature!,
  });
  return { bookingId: hold.bookingId, code: hold.code, amountPaise: hold.amountPaise };
}
