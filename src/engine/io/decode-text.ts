import { EngineError } from '../errors.ts';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

/** The largest file the reader accepts by default: V8 cannot hold a longer string. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Decode a text file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM,
 * and Windows-1252 when the bytes are not valid UTF-8. Throws BINARY_FILE for
 * bytes that are not text, FILE_TOO_LARGE above `maxBytes`.
 */
export function decodeText(bytes: Uint8Array, fileName: string, maxBytes = DEFAULT_MAX_BYTES): DecodedText {
  if (bytes.length > maxBytes) {
    const mb = (n: number) => `${Math.round(n / 1048576).toLocaleString('en-GB')} MB`;
    throw new EngineError('FILE_TOO_LARGE', `"${fileName}" is ${mb(bytes.length)}; the most this can open is ${mb(maxBytes)}.`, {
      file: fileName,
      bytes: bytes.length,
      maxBytes,
    });
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) {
    throw new EngineError('BINARY_FILE', `"${fileName}" does not look like a text file (it contains binary data). Open a CSV or TSV file.`, {
      file: fileName,
    });
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8', bom };
  } catch (e) {
    if (e instanceof RangeError) throw e;
    return { text: decode('windows-1252', body), encoding: 'windows-1252', bom: false };
  }
}

/** A file's text as UTF-8 bytes (without a byte-order mark), for the byte reader. */
export interface Utf8Body {
  bytes: Uint8Array;
  encoding: TextEncodingName;
  bom: boolean;
}

/**
 * The bytes of a text file as UTF-8, by the rules of decodeText: UTF-8 as it is
 * (validated, not decoded), Windows-1252 and UTF-16 converted. Throws as decodeText.
 */
export function utf8Body(bytes: Uint8Array, fileName: string, maxBytes = DEFAULT_MAX_BYTES): Utf8Body {
  if (bytes.length > maxBytes || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const { text, encoding, bom } = decodeText(bytes, fileName, maxBytes);
    return { bytes: new TextEncoder().encode(text), encoding, bom };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) decodeText(bytes, fileName, maxBytes); // throws BINARY_FILE
  if (isUtf8(body)) return { bytes: body, encoding: 'utf-8', bom };
  return { bytes: windows1252ToUtf8(body), encoding: 'windows-1252', bom: false };
}

/** Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), as a fatal TextDecoder judges. */
export function isUtf8(b: Uint8Array): boolean {
  const n = b.length;
  // ASCII runs are checked four bytes at a time where the bytes are aligned.
  const alignStart = Math.min(n, (4 - (b.byteOffset & 3)) & 3);
  const words = new Uint32Array(b.buffer, b.byteOffset + alignStart, (n - alignStart) >> 2);
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      if (i >= alignStart && ((i - alignStart) & 3) === 0) {
        let w = (i - alignStart) >> 2;
        while (w < words.length && (words[w]! & 0x80808080) === 0) w++;
        i = alignStart + w * 4;
      }
    } else if (c >= 0xc2 && c <= 0xdf) {
      if (i + 1 >= n || (b[i + 1]! & 0xc0) !== 0x80) return false;
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      if (i + 2 >= n) return false;
      const c1 = b[i + 1]!;
      if ((c1 & 0xc0) !== 0x80 || (b[i + 2]! & 0xc0) !== 0x80) return false;
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return false;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      if (i + 3 >= n) return false;
      const c1 = b[i + 1]!;
      if ((c1 & 0xc0) !== 0x80 || (b[i + 2]! & 0xc0) !== 0x80 || (b[i + 3]! & 0xc0) !== 0x80) return false;
      if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return false;
      i += 4;
    } else return false;
  }
  return true;
}

let windows1252: Uint8Array[] | null = null;

/** Windows-1252 bytes as UTF-8, byte by byte through the WHATWG table. */
function windows1252ToUtf8(b: Uint8Array): Uint8Array {
  if (windows1252 === null) {
    const encoder = new TextEncoder();
    const table = decode(
      'windows-1252',
      Uint8Array.from({ length: 128 }, (_, k) => 128 + k),
    );
    windows1252 = Array.from(table, (ch) => encoder.encode(ch));
  }
  const map = windows1252;
  let size = 0;
  for (let i = 0; i < b.length; i++) size += b[i]! < 0x80 ? 1 : map[b[i]! - 128]!.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) out[at++] = c;
    else for (const x of map[c - 128]!) out[at++] = x;
  }
  return out;
}

function decode(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** NUL bytes or many control characters in the first 64 KiB mark a binary file. */
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return end > 0 && control / end > 0.05;
}
