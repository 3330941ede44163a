/**
 * The byte reader for delimited text: one pass over UTF-8 bytes that finds the
 * field boundaries without making a string per cell and hands each field's bytes
 * to its column builder (which parses numbers from the bytes and hashes text).
 *
 * It reads exactly what PapaParse reads for the files people have: one of , tab ;
 * | between fields, double quotes around fields that hold them, doubled quotes
 * inside, line breaks inside quotes, LF or CRLF line ends, blank lines skipped (a
 * one-column file keeps them as missing values). Whatever it does not read the
 * same way, it declines, and the file goes to PapaParse, which also names the
 * problem when there is one: a quote never closed, text after a closing quote,
 * rows of the wrong length, line ends that change within the file.
 */
import type { ColumnBuilder, MissingCodes } from './column-builder.ts';
import { missingCodeAt } from './column-builder.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Why the byte reader handed a file to PapaParse. */
export type Declined = 'unterminated quote' | 'text after a closing quote' | 'ragged row' | 'mixed line ends';

/** The columns one file's fields go to, in the file's column order. */
export interface ScanTarget {
  sinks: readonly ColumnBuilder[];
  /** The missing codes met in each column. */
  seen: readonly Set<string>[];
  missing: MissingCodes;
}

/** Where a scan stands: the start of the next record, the records read, and a reason when it gave up. */
export interface ScanState {
  pos: number;
  rows: number;
  declined: Declined | null;
}

export interface ScanLayout {
  /** The delimiter byte. */
  delimiter: number;
  /** Whether records end in CR LF (else LF). */
  crlf: boolean;
  /** Fields per record. */
  width: number;
  /** Whether a line with nothing on it is skipped (files of more than one column). */
  skipBlank: boolean;
}

/** One record's fields as strings, for the header; null when the byte reader would decline the record. */
export interface FirstRecord {
  fields: string[];
  /** Where the next record starts. */
  next: number;
  /** How the record ended: its line end, or the end of the file. */
  ending: 'lf' | 'crlf' | 'end';
}

const decoder = new TextDecoder();

/** Read the record at `pos` as strings, or null when it has something the byte reader declines. */
export function readFirstRecord(b: Uint8Array, pos: number, end: number, delimiter: number): FirstRecord | null {
  const fields: string[] = [];
  for (;;) {
    let text: string;
    let c: number;
    if (pos < end && b[pos] === QUOTE) {
      const close = closingQuote(b, pos + 1, end);
      if (close < 0) return null;
      text = decoder.decode(b.subarray(pos + 1, close)).replaceAll('""', '"');
      pos = close + 1;
      c = pos < end ? b[pos]! : -1;
      if (c !== delimiter && c !== LF && c !== CR && c !== -1) return null;
    } else {
      const start = pos;
      while (pos < end && b[pos] !== delimiter && b[pos] !== LF && b[pos] !== CR) pos++;
      c = pos < end ? b[pos]! : -1;
      text = decoder.decode(b.subarray(start, pos));
    }
    fields.push(text);
    if (c === delimiter) {
      pos++;
      continue;
    }
    if (c === -1) return { fields, next: pos, ending: 'end' };
    if (c === LF) return { fields, next: pos + 1, ending: 'lf' };
    if (pos + 1 < end && b[pos + 1] === LF) return { fields, next: pos + 2, ending: 'crlf' };
    return null;
  }
}

/** The index of the quote that closes a quoted field whose text starts at `from`, or -1. */
function closingQuote(b: Uint8Array, from: number, end: number): number {
  let j = from;
  for (;;) {
    j = b.indexOf(QUOTE, j);
    if (j < 0 || j >= end) return -1;
    if (j + 1 < end && b[j + 1] === QUOTE) {
      j += 2;
      continue;
    }
    return j;
  }
}

/**
 * Read records from `state.pos` until a record ends at or past `limit`, or the end;
 * every field goes to its column builder (empty and missing-code fields as missing).
 * Sets `state.declined` and stops when the bytes need PapaParse.
 */
export function scanRecords(b: Uint8Array, end: number, layout: ScanLayout, target: ScanTarget, state: ScanState, limit: number): void {
  const { delimiter, crlf, width, skipBlank } = layout;
  const { sinks, seen, missing } = target;
  const missingFirst = missing.first;
  // Bytes above this are neither digits nor field ends: letters, mostly, pass with one test.
  const high = Math.max(57, delimiter);
  let scratch = new Uint8Array(256);
  let pos = state.pos;
  let rows = state.rows;
  records: while (pos < end && pos < limit) {
    let col = 0;
    for (;;) {
      let start = pos;
      let stop: number;
      let c: number;
      let field = b;
      // A field of 1 to 15 digits without a leading zero: its value, added up on the way, need not be parsed again.
      let whole = 0;
      let isWhole = false;
      if (pos < end && b[pos] === QUOTE) {
        start = pos + 1;
        const close = closingQuote(b, start, end);
        if (close < 0) return decline(state, 'unterminated quote', rows);
        stop = close;
        pos = close + 1;
        c = pos < end ? b[pos]! : -1;
        if (c !== delimiter && c !== LF && c !== CR && c !== -1) return decline(state, 'text after a closing quote', rows);
        // Doubled quotes inside become one: copied to the scratch buffer.
        if (b.indexOf(QUOTE, start) < stop) {
          if (scratch.length < stop - start) scratch = new Uint8Array(2 * (stop - start));
          let at = 0;
          for (let k = start; k < stop; k++) {
            scratch[at++] = b[k]!;
            if (b[k] === QUOTE) k++;
          }
          field = scratch;
          start = 0;
          stop = at;
        }
      } else {
        let digitsOnly = true;
        while (pos < end) {
          c = b[pos]!;
          if (c > high) {
            digitsOnly = false;
            pos++;
            continue;
          }
          if (c >= 48 && c <= 57) {
            whole = whole * 10 + (c - 48);
            pos++;
            continue;
          }
          if (c === delimiter || c === LF || c === CR) break;
          digitsOnly = false;
          pos++;
        }
        stop = pos;
        c = pos < end ? b[pos]! : -1;
        isWhole = digitsOnly && stop > start && stop - start <= 15 && (b[start] !== 48 || stop - start === 1) && missingFirst[b[start]!] === 0;
      }
      if (c === CR) {
        if (!crlf || pos + 1 >= end || b[pos + 1] !== LF) return decline(state, 'mixed line ends', rows);
      } else if (c === LF && crlf) return decline(state, 'mixed line ends', rows);
      if (c !== delimiter && col === 0 && stop === start && skipBlank) {
        // A blank line (or a lone ""), which PapaParse skips.
        pos += c === CR ? 2 : c === LF ? 1 : 0;
        continue records;
      }
      if (col >= width) return decline(state, 'ragged row', rows);
      const sink = sinks[col]!;
      if (isWhole) sink.pushWhole(whole, b, start, stop);
      else if (stop === start) sink.pushNull();
      else if (missingFirst[field[start]!] === 1) {
        const code = missingCodeAt(missing, field, start, stop);
        if (code === null) sink.push(field, start, stop);
        else {
          sink.pushNull();
          seen[col]!.add(code);
        }
      } else sink.push(field, start, stop);
      col++;
      if (c === delimiter) {
        pos++;
        continue;
      }
      if (col !== width) return decline(state, 'ragged row', rows);
      pos += c === CR ? 2 : c === LF ? 1 : 0;
      rows++;
      break;
    }
  }
  state.pos = pos;
  state.rows = rows;
}

function decline(state: ScanState, why: Declined, rows: number): void {
  state.declined = why;
  state.rows = rows;
}
