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

/**
 * An email or phone shown on a list others may see over a shoulder: enough to recognise it, not
 * to copy it. "asha.rao@example.com" → "a•••o@example.com", "9876543210" → "••••••3210".
 */
export function maskContact(contact: string): string {
  const text = contact.trim();
  const at = text.lastIndexOf('@');
  if (at > 0) {
    const local = text.slice(0, at);
    const shown = local.length <= 2 ? local[0]! : `${local[0]!}•••${local.at(-1)!}`;
    return `${local.length <= 2 ? `${shown}•••` : shown}${text.slice(at)}`;
  }
  const digits = text.replace(/\D/g, '');
  if (digits.length <= 4) return '•'.repeat(digits.length);
  return `${'•'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
