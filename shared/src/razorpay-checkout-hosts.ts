// What a page that opens Razorpay Checkout must let in, per CSP directive: the one list both the web
// app's policy (server/src/web/web-routes.ts) and the kiosk window's (kiosk/src/main/window/) are
// built from. Razorpay publishes no CSP page of its own; these are the hosts its own Magento module
// allows (github.com/razorpay/razorpay-magento, etc/csp_whitelist.xml) and what its issues show
// Checkout loading:
// - checkout.razorpay.com: checkout.js itself (razorpay.com/docs/payments/payment-gateway/web-integration/standard);
// - api.razorpay.com: the Checkout frame, /v1/checkout/public (razorpay-magento csp_whitelist.xml,
//   frame-src; razorpay/razorpay-cordova-sample-app#5 shows the frame's origin);
// - cdn.razorpay.com: the risk-detection script checkout.js adds, and images
//   (razorpay/razorpay-magento#537 and #542: "static/cx/razorpay-risk-detection/bundle.js");
// - lumberjack.razorpay.com, lumberjack-metrics.razorpay.com: Checkout's event reports
//   (razorpay/razorpay-magento#199: connect to lumberjack.razorpay.com/v1/track; #388 and #393).
// No wildcard: each host is named, so nothing else of razorpay.com (or any lookalike) gets in.

/** A CSP directive Checkout needs something in. */
export type TCheckoutDirective = 'scriptSrc' | 'frameSrc' | 'connectSrc' | 'imgSrc';

/** Origins per directive (`https://host`, no path, no wildcard). */
export type TCheckoutSources = Record<TCheckoutDirective, readonly string[]>;

/** Real Razorpay Checkout: test-mode and live keys load the same hosts. */
export const RAZORPAY_CHECKOUT_SOURCES: TCheckoutSources = {
  scriptSrc: ['https://checkout.razorpay.com', 'https://cdn.razorpay.com'],
  frameSrc: ['https://api.razorpay.com'],
  connectSrc: ['https://lumberjack.razorpay.com', 'https://lumberjack-metrics.razorpay.com'],
  imgSrc: ['https://cdn.razorpay.com'],
};

/** Where real Razorpay serves checkout.js from (Razorpay requires it be loaded from there, never bundled). */
export const RAZORPAY_CHECKOUT_ORIGIN = 'https://checkout.razorpay.com';

/**
 * What a page must let in for Checkout: Razorpay's hosts (`null`), or, for a stand-in (the sandbox,
 * whose checkout.js opens its frame from its own origin and reports nowhere), its origin(s) for the
 * script and the frame and nothing of razorpay.com.
 */
export function checkoutSources(standInOrigins: readonly string[] | null): TCheckoutSources {
  if (standInOrigins === null) return RAZORPAY_CHECKOUT_SOURCES;
  const origins = [...new Set(standInOrigins.map((o) => new URL(o).origin))];
  return { scriptSrc: origins, frameSrc: origins, connectSrc: [], imgSrc: [] };
}

/** Every origin of a policy once: the requests a window that enforces an allow-list must let through. */
export function checkoutOrigins(sources: TCheckoutSources): string[] {
  return [...new Set(Object.values(sources).flat())];
}
