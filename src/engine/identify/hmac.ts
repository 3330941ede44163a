/**
 * Keyed pseudonyms: HMAC-SHA-256 (RFC 2104, FIPS 180-4) of a value's UTF-8
 * bytes under the key's UTF-8 bytes, as lowercase hex, computed with Web Crypto
 * (`crypto.subtle`), which browsers, workers and Node 20 all provide, so the
 * browser and the command line give the same pseudonyms.
 */
const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export type HmacKey = CryptoKey;

export function importHmacKey(key: string): Promise<HmacKey> {
  return crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** Lowercase hex HMAC-SHA-256 of `text` under `key`. */
export async function hmacHex(key: HmacKey, text: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  let out = '';
  for (let i = 0; i < mac.length; i++) out += HEX[mac[i]!];
  return out;
}

/** A random key of 32 bytes as 64 hex characters, for users who want one generated. */
export function generateKeyText(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => HEX[b]).join('');
}
