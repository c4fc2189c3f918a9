import { describe, expect, it } from 'vitest';
import {
  checkoutOrigins,
  checkoutSources,
  RAZORPAY_CHECKOUT_ORIGIN,
  RAZORPAY_CHECKOUT_SOURCES,
} from './razorpay-checkout-hosts';

describe('Razorpay Checkout hosts', () => {
  it('names each host of Razorpay in full, over https, with no wildcard or path', () => {
    for (const origin of checkoutOrigins(RAZORPAY_CHECKOUT_SOURCES)) {
      const url = new URL(origin);
      expect(origin).not.toContain('*');
      expect(url.protocol, origin).toBe('https:');
      expect(url.origin, origin).toBe(origin);
      expect(url.hostname, origin).toMatch(/^[a-z-]+\.razorpay\.com$/);
    }
    expect(RAZORPAY_CHECKOUT_SOURCES.scriptSrc).toContain(RAZORPAY_CHECKOUT_ORIGIN);
  });

  it('gives real Checkout its script, frame, reporting and image hosts', () => {
    expect(checkoutSources(null)).toEqual({
      scriptSrc: ['https://checkout.razorpay.com', 'https://cdn.razorpay.com'],
      frameSrc: ['https://api.razorpay.com'],
      connectSrc: ['https://lumberjack.razorpay.com', 'https://lumberjack-metrics.razorpay.com'],
      imgSrc: ['https://cdn.razorpay.com'],
    });
    expect(checkoutOrigins(checkoutSources(null))).toHaveLength(5);
  });

  it('gives a stand-in only its own origin, for the script and the frame', () => {
    const sandbox = checkoutSources(['http://127.0.0.1:3100/v1/checkout.js']);
    expect(sandbox).toEqual({
      scriptSrc: ['http://127.0.0.1:3100'],
      frameSrc: ['http://127.0.0.1:3100'],
      connectSrc: [],
      imgSrc: [],
    });
    expect(checkoutOrigins(sandbox)).toEqual(['http://127.0.0.1:3100']);
  });
});
