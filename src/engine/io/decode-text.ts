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
