import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isAllowedNavigation, isAllowedRequest } from './navigation-policy';

const policy = { apiOrigin: 'https://tickets.example.in', extraOrigins: ['https://checkout.razorpay.com'] };

describe('kiosk navigation policy', () => {
  it('lets the app reach its own files, the API and Checkout only', () => {
    expect(isAllowedRequest('app://kiosk/assets/index.js', policy)).toBe(true);
    expect(isAllowedRequest('https://tickets.example.in/trpc/catalog.movies', policy)).toBe(true);
    expect(isAllowedRequest('https://checkout.razorpay.com/v1/checkout.js', policy)).toBe(true);
    expect(isAllowedRequest('https://tickets.example.in.evil.com/x', policy)).toBe(false);
    expect(isAllowedRequest('http://tickets.example.in/x', policy)).toBe(false); // another origin: the scheme differs
    expect(isAllowedRequest('https://www.google.com/', policy)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', policy)).toBe(false);
    expect(isAllowedRequest('not a url', policy)).toBe(false);
  });

  it('never navigates the window away from the app', () => {
    expect(isAllowedNavigation('app://kiosk/index.html')).toBe(true);
    expect(isAllowedNavigation('https://tickets.example.in/')).toBe(false);
    expect(isAllowedNavigation('https://checkout.razorpay.com/')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });

  it('serves a CSP with no inline or remote scripts but Checkout', () => {
    const csp = contentSecurityPolicy(policy);
    expect(csp).toContain("script-src 'self' https://checkout.razorpay.com");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
