// tRPC's SSE settings, shared by tRPC's own streams and the seat-map hub that speaks its wire format:
// a ping frame after 15 s without one keeps idle connections alive through proxies, and a client
// that hears nothing for 30 s reconnects (the options go to the client in the `connected` frame).
export const SSE_OPTIONS = {
  ping: { enabled: true, intervalMs: 15_000 },
  client: { reconnectAfterInactivityMs: 30_000 },
} as const;
