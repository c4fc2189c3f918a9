// The email or phone a customer booked with, as they type it again at a kiosk to collect their
// tickets: one canonical form so "Asha@Example.com " matches "asha@example.com" and
// "+91 98765-43210" matches "9876543210" (how set-contact stores a phone).

export type TContact = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Email: trimmed, lower case. Phone: digits only, without the +91 / 91 / 0 prefix, an Indian mobile
 * (10 digits from 6 to 9). Anything else is null.
 */
export function normaliseContact(input: string): TContact | null {
  const text = input.normalize('NFKC').trim();
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return email.length <= 254 && EMAIL.test(email) ? { kind: 'email', value: email } : null;
  }
  if (!/^[\d\s()+.-]+$/.test(text)) return null;
  let digits = text.replace(/\D/g, '');
  if (digits.length === 12 && digits.startsWith('91')) digits = digits.slice(2);
  else if (digits.length === 11 && digits.startsWith('0')) digits = digits.slice(1);
  return /^[6-9]\d{9}$/.test(digits) ? { kind: 'phone', value: digits } : null;
}
