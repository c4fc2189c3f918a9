import { RAZORPAY_CHECKOUT_SOURCES } from '@marquee/shared';
import { describe, expect, it } from 'vitest';
import { parseKioskEnv } from '../config';
import { contentSecurityPolicy, isAllowedNavigation, isAllowedRequest, navigationPolicy } from './navigation-policy';

const API = 'https://tickets.example.in';
/** A kiosk selling through Razorpay itself: its default settings. */
const policy = navigationPolicy(parseKioskEnv({ MARQUEE_API_URL: API }));
/** A kiosk whose server uses the sandbox. */
const sandboxPolicy = navigationPolicy(
  parseKioskEnv({ MARQUEE_API_URL: 'http://127.0.0.1:3000', KIOSK_EXTRA_ORIGINS: 'http://127.0.0.1:3100' }),
);

/** A CSP as directive → its sources. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('kiosk navigation policy', () => {
  it('lets the app reach its own files, the API and Checkout only', () => {
    expect(isAllowedRequest('app://kiosk/assets/index.js', policy)).toBe(true);
    expect(isAllowedRequest('https://tickets.example.in/trpc/catalog.movies', policy)).toBe(true);
    expect(isAllowedRequest('https://checkout.razorpay.com/v1/checkout.js', policy)).toBe(true);
    expect(isAllowedRequest('https://api.razorpay.com/v1/checkout/public', policy)).toBe(true);
    expect(isAllowedRequest('https://cdn.razorpay.com/static/cx/razorpay-risk-detection/bundle.js', policy)).toBe(true);
    expect(isAllowedRequest('https://lumberjack.razorpay.com/v1/track', policy)).toBe(true);
    expect(isAllowedRequest('https://dashboard.razorpay.com/', policy)).toBe(false);
    expect(isAllowedRequest('https://checkout.razorpay.com.evil.com/v1/checkout.js', policy)).toBe(false);
    expect(isAllowedRequest('https://tickets.example.in.evil.com/x', policy)).toBe(false);
    expect(isAllowedRequest('http://tickets.example.in/x', policy)).toBe(false); // another origin: the scheme differs
    expect(isAllowedRequest('https://www.google.com/', policy)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', policy)).toBe(false);
    expect(isAllowedRequest('not a url', policy)).toBe(false);
  });

  it('lets a kiosk on the sandbox reach the sandbox, and nothing of razorpay.com', () => {
    expect(isAllowedRequest('http://127.0.0.1:3100/v1/checkout.js', sandboxPolicy)).toBe(true);
    expect(isAllowedRequest('http://127.0.0.1:3000/trpc/catalog.movies', sandboxPolicy)).toBe(true);
    for (const origin of [
      ...RAZORPAY_CHECKOUT_SOURCES.scriptSrc,
      ...RAZORPAY_CHECKOUT_SOURCES.frameSrc,
      ...RAZORPAY_CHECKOUT_SOURCES.connectSrc,
    ])
      expect(isAllowedRequest(`${origin}/x`, sandboxPolicy), origin).toBe(false);
  });

  it('never navigates the window away from the app', () => {
    expect(isAllowedNavigation('app://kiosk/index.html')).toBe(true);
    expect(isAllowedNavigation('https://tickets.example.in/')).toBe(false);
    expect(isAllowedNavigation('https://checkout.razorpay.com/')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });

  it("serves a CSP admitting each of Checkout's hosts in its directive and no other host", () => {
    const csp = directives(contentSecurityPolicy(policy));
    expect(csp['script-src']).toEqual(["'self'", ...RAZORPAY_CHECKOUT_SOURCES.scriptSrc]);
    expect(csp['frame-src']).toEqual([API, ...RAZORPAY_CHECKOUT_SOURCES.frameSrc]);
    expect(csp['connect-src']).toEqual(["'self'", API, ...RAZORPAY_CHECKOUT_SOURCES.connectSrc]);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', API, ...RAZORPAY_CHECKOUT_SOURCES.imgSrc]);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(Object.values(csp).flat().join(' ')).not.toContain('*');
  });

  it('serves a CSP admitting only the sandbox with the sandbox', () => {
    const csp = directives(contentSecurityPolicy(sandboxPolicy));
    expect(csp['script-src']).toEqual(["'self'", 'http://127.0.0.1:3100']);
    expect(csp['frame-src']).toEqual(['http://127.0.0.1:3000', 'http://127.0.0.1:3100']);
    expect(csp['connect-src']).toEqual(["'self'", 'http://127.0.0.1:3000']);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', 'http://127.0.0.1:3000']);
    expect(contentSecurityPolicy(sandboxPolicy)).not.toContain('razorpay');
  });
});
