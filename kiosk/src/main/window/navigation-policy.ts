// What the kiosk window may load: its own app (app://kiosk), the Marquee API, and the payment
// provider's Checkout. Nothing else: no navigation away, no other hosts, no file:// peeking.
export const APP_ORIGIN = 'app://kiosk';

export interface TNavigationPolicy {
  apiOrigin: string;
  extraOrigins: readonly string[];
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
    origin !== null && (origin === APP_ORIGIN || origin === policy.apiOrigin || policy.extraOrigins.includes(origin))
  );
}

/** Top-level navigation: only within the app itself (Checkout opens in a frame, not a page). */
export function isAllowedNavigation(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/** The CSP the app's pages are served with (a header, since the API origin is configured at run time). */
export function contentSecurityPolicy(policy: TNavigationPolicy): string {
  const remote = [policy.apiOrigin, ...policy.extraOrigins].join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' ${policy.extraOrigins.join(' ')}`.trim(),
    `connect-src 'self' ${policy.apiOrigin}`,
    `img-src 'self' data: blob: ${policy.apiOrigin}`,
    `frame-src ${remote}`,
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
