// base64url without padding (RFC 4648 §5), for browsers and Node alike.
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Throws on anything that is not canonical unpadded base64url. */
export function decodeBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('not base64url');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  // Refuse non-canonical spellings (stray low bits in the last character) so one token has one text.
  if (encodeBase64Url(bytes) !== text) throw new Error('not canonical base64url');
  return bytes;
}
