// What the kiosk window may load: its own app (app://kiosk), the Marquee API, and the payment
// provider's Checkout. Nothing else: no navigation away, no other hosts, no file:// peeking.
import { checkoutOrigins, checkoutSources, type TCheckoutSources } from '@marquee/shared';
import type { TKioskEnv } from '../config';

export const APP_ORIGIN = 'app://kiosk';

export interface TNavigationPolicy {
  apiOrigin: string;
  /** What Checkout may load, per CSP directive. */
  checkout: TCheckoutSources;
}

/**
 * The window's policy from the kiosk's settings: Razorpay Checkout's hosts (the list in
 * @marquee/shared), unless KIOSK_EXTRA_ORIGINS names a stand-in's origins instead (the sandbox,
 * for a kiosk selling through a server that uses it): then those alone, nothing of razorpay.com.
 */
export function navigationPolicy(env: Pick<TKioskEnv, 'MARQUEE_API_URL' | 'KIOSK_EXTRA_ORIGINS'>): TNavigationPolicy {
  return { apiOrigin: new URL(env.MARQUEE_API_URL).origin, checkout: checkoutSources(env.KIOSK_EXTRA_ORIGINS) };
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' ? `app://${parsed.host}` : parsed.origin;
  } catch {
    return null;
  }
}

/** Requests (scripts, API calls, images, frames) the window may make. */
export function isAllowedRequest(url: string, policy: TNavigationPolicy): boolean {
  if (url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:')) return true;
  const origin = originOf(url);
  return (
    origin !== null &&
    (origin === APP_ORIGIN || origin === policy.apiOrigin || checkoutOrigins(policy.checkout).includes(origin))
  );
}

/** Top-level navigation: only within the app itself (Checkout opens in a frame, not a page). */
export function isAllowedNavigation(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/** The CSP the app's pages are served with (a header, since the API origin is configured at run time). */
export function contentSecurityPolicy(policy: TNavigationPolicy): string {
  const { apiOrigin, checkout } = policy;
  const directive = (name: string, sources: readonly string[]) => [name, ...sources].join(' ');
  return [
    "default-src 'self'",
    directive('script-src', ["'self'", ...checkout.scriptSrc]),
    directive('connect-src', ["'self'", apiOrigin, ...checkout.connectSrc]),
    directive('img-src', ["'self'", 'data:', 'blob:', apiOrigin, ...checkout.imgSrc]),
    directive('frame-src', [apiOrigin, ...checkout.frameSrc]),
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
