// The box office: counter sales from the dashboard (counter-sales.ts) and moves and exchanges of
// a booking (exchange-booking.ts). Its routers are merged by the root router; nothing else uses it.
export {};
