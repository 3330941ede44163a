import { EngineError } from '../errors.ts';
import { defineStep, type StepContext, type StepResult } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { codesOf } from '../table/column-codes.ts';
import type { ReadonlyInt32Array } from '../table/column-codes.ts';
import { columnIndex, columnInputs, emptyBits, makeDataset, rewrittenMeta, setBit, type Dataset } from '../table/dataset.ts';
import { dictionaryVector, utf8Vector } from '../table/vectors.ts';
import { hmacHex, importHmacKey } from './hmac.ts';

export type Normalisation = 'none' | 'trim' | 'trim-lowercase';

export interface PseudonymiseOptions {
  columns: readonly string[];
  /** Applied to the text before hashing, so " A@B.com" and "a@b.com" can share a pseudonym. Default none. */
  normalise?: Normalisation;
  /** Keep the first `length` hex characters (8 to 64). Default 64, the whole HMAC. */
  length?: number;
}

const BATCH = 2048;

/**
 * Replace each value of the columns by its keyed pseudonym: the lowercase hex
 * HMAC-SHA-256 of the cell's exact UTF-8 text (after the chosen normalisation)
 * under the UTF-8 bytes of the key. Equal values get equal pseudonyms, so
 * records can still be linked within the release; without the key the values
 * cannot be recovered or recomputed. Missing stays missing.
 * @throws EngineError KEY_REQUIRED without a key; UNKNOWN_COLUMN.
 */
export async function pseudonymise(ds: Dataset, options: PseudonymiseOptions, ctx: StepContext): Promise<StepResult> {
  const key = ctx.secrets.key;
  if (!key) throw new EngineError('KEY_REQUIRED', 'Pseudonymising needs a key. Enter one or generate one; it is never saved.');
  const cryptoKey = await importHmacKey(key);
  const length = options.length ?? 64;
  const normalise = normaliser(options.normalise ?? 'none');
  const inputs = columnInputs(ds);
  let values = 0;
  for (const name of options.columns) {
    const idx = columnIndex(ds, name);
    const { codes, labels } = codesOf(ds, idx);
    const pseudonyms = new Array<string | null>(labels.length);
    for (let start = 0; start < labels.length; start += BATCH) {
      const batch = labels.slice(start, start + BATCH);
      const out = await Promise.all(batch.map((t) => (t === null ? null : hmacHex(cryptoKey, normalise(t)).then((h) => h.slice(0, length)))));
      for (let j = 0; j < out.length; j++) pseudonyms[start + j] = out[j]!;
      ctx.progress(`Pseudonymising ${name}`, Math.min(labels.length, start + BATCH), labels.length);
      await ctx.checkpoint();
    }
    const n = codes.length;
    const changed = emptyBits(n);
    for (let i = 0; i < n; i++) {
      if (pseudonyms[codes[i]!] === null) continue;
      setBit(changed, i);
      values++;
    }
    // A keyed pseudonym is no longer a direct identifier (it still links records within the release).
    inputs[idx] = {
      meta: rewrittenMeta(inputs[idx]!.meta, { vector: inputs[idx]!.vector, kind: 'text', role: 'other', changed }),
      vector: pseudonymVector(codes, pseudonyms),
    };
  }
  const plural = options.columns.length === 1 ? 'column' : 'columns';
  return {
    dataset: makeDataset(inputs, ds.table.numRows),
    log: {
      summary: `Replaced ${values.toLocaleString('en-GB')} values in ${options.columns.length} ${plural} (${options.columns.join(', ')}) with keyed pseudonyms.`,
      counts: { valuesPseudonymised: values, columns: options.columns.length },
    },
  };
}

/** One dictionary entry per distinct pseudonym, so values that normalise alike share a code. */
function pseudonymVector(codes: ReadonlyInt32Array, pseudonyms: readonly (string | null)[]) {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const remap = pseudonyms.map((p) => {
    if (p === null) return -1;
    let k = index.get(p);
    if (k === undefined) index.set(p, (k = dictionary.push(p) - 1));
    return k;
  });
  const mapped = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) mapped[i] = remap[codes[i]!]!;
  if (dictionary.length <= 0.5 * codes.length) return dictionaryVector(dictionary, mapped);
  return utf8Vector(Array.from(mapped, (c) => (c < 0 ? null : dictionary[c]!)));
}

function normaliser(kind: Normalisation): (s: string) => string {
  switch (kind) {
    case 'none':
      return (s) => s;
    case 'trim':
      return (s) => s.trim();
    case 'trim-lowercase':
      return (s) => s.trim().toLowerCase();
  }
}

const NORMALISATIONS = [
  { value: 'none', label: 'Use the text exactly' },
  { value: 'trim', label: 'Trim spaces' },
  { value: 'trim-lowercase', label: 'Trim spaces and lower-case' },
] as const satisfies readonly { value: Normalisation; label: string }[];

export const pseudonymiseStep = defineStep({
  id: 'pseudonymise',
  title: 'Replace with keyed pseudonyms',
  description:
    'Replaces each value with its HMAC-SHA-256 under a secret key: the same value always gets the same pseudonym, so records can still be linked, and without the key nobody can work back to the value. The key is never saved.',
  source: 'RFC 2104 (HMAC) with SHA-256 (FIPS 180-4); keyed pseudonymisation as in the ICO anonymisation guidance (2025), chapter 3.',
  stage: 'identifiers',
  secrets: [
    {
      name: 'key',
      label: 'Pseudonymisation key',
      description: 'the secret that keys the HMAC; the same key gives the same pseudonyms. It is held in memory only and never written down.',
    },
  ],
  params: {
    columns: p.columns({ label: 'Columns to pseudonymise', description: 'The columns whose values are replaced.', roles: ['direct'] }),
    normalise: p
      .choice({
        label: 'Before hashing',
        description: 'Tidy the text before hashing, so that " A@B.com" and "a@b.com" can share a pseudonym.',
        choices: NORMALISATIONS,
      })
      .withDefault('none'),
    length: p.integer({ label: 'Length', description: 'How many hex characters of the pseudonym to keep (8 to 64).', min: 8, max: 64 }).withDefault(64),
  },
  run: (ds, params, ctx) => pseudonymise(ds, params, ctx),
});
