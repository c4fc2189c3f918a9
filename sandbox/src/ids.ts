import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Razorpay-style id: prefix, underscore, 14 base62 characters (e.g. order_DaZlswtdcn9UNV). */
export function razorpayId(prefix: 'order' | 'pay' | 'rfnd' | 'qr' | 'evt'): string {
  let id = '';
  for (let i = 0; i < 14; i++) id += BASE62[randomInt(62)];
  return `${prefix}_${id}`;
}

export const unixNow = (): number => Math.floor(Date.now() / 1000);
