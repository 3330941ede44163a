import { EngineError } from '../errors.ts';
import { parseDate } from '../io/column-builder.ts';
import type { StepDefinition, StepResult } from '../recipe/step.ts';
import { cachedColumnCodes } from '../risk/key-frequencies.ts';
import { columnIndex, columnInputs, makeDataset, type Dataset } from '../table/dataset.ts';
import type { ColumnKind } from '../table/roles.ts';
import { dictionaryVector, float64Vector } from '../table/vectors.ts';

export type Generalisation = 'postcode-district' | 'postcode-sector' | 'year' | 'age';

export interface GeneraliseOptions {
  column: string;
  to: Generalisation;
  /** The date at which ages are reckoned (yyyy-mm-dd); required for "age", so that a re-run gives the same ages. */
  asOf?: string;
}

/** A UK postcode split into outward and inward codes, or null. Case and spaces are ignored. */
export function splitPostcode(text: string): { outward: string; inward: string } | null {
  const s = text.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/.exec(s);
  return m ? { outward: m[1]!, inward: m[2]! } : null;
}

/** Whole years from a date of birth (days since 1970) to a reference date (days since 1970). */
export function ageInYears(birthDay: number, asOfDay: number): number {
  const b = new Date(birthDay * 86_400_000);
  const a = new Date(asOfDay * 86_400_000);
  let age = a.getUTCFullYear() - b.getUTCFullYear();
  if (a.getUTCMonth() < b.getUTCMonth() || (a.getUTCMonth() === b.getUTCMonth() && a.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/**
 * Coarsen a direct identifier into something less identifying: a full postcode to
 * its district (outward code, "LS6 2AB" -> "LS6") or sector ("LS6 2"); a date of birth
 * to the year of birth or the age in whole years at `asOf`. A value that cannot be read
 * as a postcode or date becomes missing and is counted.
 * @throws EngineError BAD_PARAMS (no asOf for age), UNKNOWN_COLUMN.
 */
export function generalise(ds: Dataset, options: GeneraliseOptions): StepResult {
  const idx = columnIndex(ds, options.column);
  const { codes, labels } = cachedColumnCodes(ds, idx);
  let mapped: (string | number | null)[];
  let kind: ColumnKind;
  if (options.to === 'postcode-district' || options.to === 'postcode-sector') {
    const sector = options.to === 'postcode-sector';
    mapped = labels.map((t) => {
      const p = t === null ? null : splitPostcode(t);
      return p === null ? null : sector ? `${p.outward} ${p.inward[0]}` : p.outward;
    });
    kind = 'categorical';
  } else {
    let asOf = NaN;
    if (options.to === 'age') {
      asOf = options.asOf ? parseDate(options.asOf) : NaN;
      if (Number.isNaN(asOf))
        throw new EngineError('BAD_PARAMS', 'Turning a date of birth into an age needs the date to reckon it at (asOf, yyyy-mm-dd).', { param: 'asOf' });
    }
    mapped = labels.map((t) => {
      const day = t === null ? NaN : parseDate(t);
      if (Number.isNaN(day)) return null;
      return options.to === 'year' ? new Date(day * 86_400_000).getUTCFullYear() : ageInYears(day, asOf);
    });
    kind = 'integer';
  }
  const n = codes.length;
  let unreadable = 0;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (labels[c] === null) continue;
    if (mapped[c] === null) unreadable++;
    else changed++;
  }
  let vector;
  if (kind === 'integer') {
    vector = float64Vector(Float64Array.from(codes, (c) => (mapped[c] === null ? NaN : (mapped[c] as number))));
  } else {
    const dict: string[] = [];
    const index = new Map<string, number>();
    const remap = mapped.map((m) => {
      if (m === null) return -1;
      const s = String(m);
      let k = index.get(s);
      if (k === undefined) index.set(s, (k = dict.push(s) - 1));
      return k;
    });
    vector = dictionaryVector(
      dict,
      Int32Array.from(codes, (c) => remap[c]!),
    );
  }
  const inputs = columnInputs(ds);
  // A district, sector, year or age no longer names a person, but it is a key variable.
  inputs[idx] = { meta: { ...inputs[idx]!.meta, kind, role: 'key' }, vector };
  const what: Record<Generalisation, string> = {
    'postcode-district': 'postcode districts',
    'postcode-sector': 'postcode sectors',
    year: 'years of birth',
    age: `ages in years at ${options.asOf}`,
  };
  const tail = unreadable > 0 ? ` ${unreadable.toLocaleString('en-GB')} values could not be read and are now missing.` : '';
  return {
    dataset: makeDataset(inputs, n),
    log: {
      summary: `Turned ${changed.toLocaleString('en-GB')} values of ${options.column} into ${what[options.to]}.${tail}`,
      counts: { valuesGeneralised: changed, valuesMadeMissing: unreadable },
    },
  };
}

export const generaliseStep: StepDefinition = {
  id: 'generalise',
  title: 'Generalise',
  description: 'Makes a postcode or date of birth less precise: a postcode to its district or sector, a date of birth to the year of birth or the age.',
  params: [
    { name: 'column', type: 'column', description: 'The column to generalise.', required: true },
    {
      name: 'to',
      type: 'enum',
      values: ['postcode-district', 'postcode-sector', 'year', 'age'],
      description: 'postcode-district ("LS6"), postcode-sector ("LS6 2"), year (of birth) or age (in whole years at asOf).',
      required: true,
    },
    { name: 'asOf', type: 'date', description: 'For "age": the date at which ages are reckoned, yyyy-mm-dd.', required: false },
  ],
  check: (ds, p) => {
    columnIndex(ds, p.column as string);
    if (p.to === 'age' && !p.asOf)
      throw new EngineError('BAD_PARAMS', 'Parameter "asOf" of step "generalise" is required when "to" is "age".', { param: 'asOf' });
  },
  run: async (ds, p) => generalise(ds, p as unknown as GeneraliseOptions),
};
