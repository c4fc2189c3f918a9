// Razorpay Checkout in the browser: its script (Razorpay's, or the sandbox's stand-in in
// development) opens the payment form and hands back a signed response for payments.verify.
import type { TCreateOrderOutput } from '@marquee/shared';

export interface TCheckoutSuccess {
  razorpay_order_id: string;
  razorpay_payment_id: string;
  razorpay_signature: string;
}

interface TRazorpayInstance {
  open(): void;
  on(event: 'payment.failed', handler: (response: { error: { description?: string } }) => void): void;
}

declare global {
  interface Window {
    Razorpay?: new (options: object) => TRazorpayInstance;
  }
}

const loading = new Map<string, Promise<void>>();

function loadScript(src: string): Promise<void> {
  let promise = loading.get(src);
  if (!promise) {
    promise = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = () => {
        loading.delete(src);
        script.remove();
        reject(new Error(`could not load ${src}`));
      };
      document.head.append(script);
    });
    loading.set(src, promise);
  }
  return promise;
}

export type TCheckoutOutcome = { kind: 'paid'; response: TCheckoutSuccess } | { kind: 'dismissed' };

/**
 * Opens Checkout for the order; settles when the customer has paid or closed it. A failed attempt
 * keeps Checkout open for another try (Razorpay's behaviour), so it is reported, not settled.
 */
export async function openCheckout(
  order: TCreateOrderOutput,
  onFailedAttempt: (reason: string) => void,
): Promise<TCheckoutOutcome> {
  await loadScript(order.checkoutScriptUrl);
  const Razorpay = window.Razorpay;
  if (!Razorpay) throw new Error('Checkout script loaded without Razorpay');
  return new Promise((resolve) => {
    const checkout = new Razorpay({
      key: order.keyId,
      order_id: order.orderId,
      amount: order.amountPaise,
      currency: order.currency,
      name: order.name,
      description: order.description,
      prefill: order.prefill,
      handler: (response: TCheckoutSuccess) => resolve({ kind: 'paid', response }),
      modal: { ondismiss: () => resolve({ kind: 'dismissed' }) },
    });
    checkout.on('payment.failed', (failure) => onFailedAttempt(failure.error.description ?? 'payment failed'));
    checkout.open();
  });
}
