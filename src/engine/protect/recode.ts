import { EngineError } from '../errors.ts';
import { defineStep, type StepResult } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { columnData, columnIndex, emptyBits, setBit, withColumn, type Dataset } from '../table/dataset.ts';
import { dictionaryVector } from '../table/vectors.ts';

export type Closed = 'right' | 'left';
export type Outside = 'stop' | 'missing';

export interface RecodeOptions {
  column: string;
  /** Break points, strictly increasing, at least two. */
  breaks: readonly number[];
  /** One label per interval; by default R's interval notation, "(20,30]". */
  labels?: readonly string[];
  /** Which end of each interval belongs to it: "right" (a,b] as sdcMicro, or "left" [a,b). */
  closed?: Closed;
  /** Values outside the breaks: stop with a count (default), or make them missing as sdcMicro does. */
  outside?: Outside;
}

/**
 * C's `%.{digits}g`, as R's formatC(x, digits, width = 1) writes a number: the
 * shortest of fixed and scientific notation for that many significant digits,
 * trailing zeros removed, exponents with a sign and at least two digits (1e+09).
 */
export function formatG(x: number, digits: number): string {
  if (x === 0) return '0';
  const precision = Math.max(1, digits);
  const exp = Number(x.toExponential(precision - 1).split('e')[1]);
  if (exp < -4 || exp >= precision) {
    const [mantissa, e] = x.toExponential(precision - 1).split('e') as [string, string];
    const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
    const sign = e.startsWith('-') ? '-' : '+';
    const digitsOfExp = e.replace(/^[+-]/, '').padStart(2, '0');
    return `${m}e${sign}${digitsOfExp}`;
  }
  const fixed = x.toFixed(Math.max(0, precision - 1 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/**
 * R's interval labels for `cut(x, breaks, dig.lab = 8)`, as sdcMicro's globalRecode
 * calls it: each break written with 8 significant digits, more (up to 12) when two
 * neighbouring breaks would otherwise print alike; "(a,b]" for right-closed intervals
 * and "[a,b)" for left-closed ones.
 */
export function intervalLabels(breaks: readonly number[], closed: Closed = 'right'): string[] {
  let text = breaks.map((b) => formatG(b, 8));
  for (let dig = 8; dig <= 12; dig++) {
    text = breaks.map((b) => formatG(b, dig));
    if (text.every((t, i) => i === 0 || t !== text[i - 1])) break;
  }
  const [open, shut] = closed === 'right' ? ['(', ']'] : ['[', ')'];
  return text.slice(1).map((t, i) => `${open}${text[i]},${t}${shut}`);
}

/**
 * Global recoding of a numeric variable into intervals, as sdcMicro's globalRecode
 * with a vector of breaks (R/globalRecode.R line 147: `cut(x, breaks, labels,
 * dig.lab = 8)`): right-closed intervals (a,b], the lowest break itself excluded, each
 * value replaced by its interval's label; the result is a category whose order is the
 * intervals' order. Labels are R's ("(20,40]") unless given.
 *
 * Differences from sdcMicro, both stated here and in the README:
 * - `closed: "left"` gives [a,b) intervals (R's cut with right = FALSE; sdcMicro cannot);
 * - sdcMicro silently makes values outside the breaks missing (age 0 with breaks
 *   starting at 0, say); here the step stops and says how many, unless `outside` is
 *   "missing", which gives sdcMicro's result and records those cells as suppressed.
 * @throws EngineError UNREADABLE_VALUES (values outside the breaks), BAD_PARAMS, UNKNOWN_COLUMN
 */
export function recode(ds: Dataset, options: RecodeOptions): StepResult {
  const { column, breaks } = options;
  const closed = options.closed ?? 'right';
  const idx = columnIndex(ds, column);
  const meta = ds.columns[idx]!;
  if (meta.kind !== 'integer' && meta.kind !== 'decimal') {
    throw new EngineError('BAD_PARAMS', `Recoding into intervals needs a column of numbers, but "${column}" holds ${meta.kind} values.`, { column });
  }
  if (breaks.length < 2 || breaks.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= breaks[i - 1]!))) {
    throw new EngineError('BAD_PARAMS', 'The break points must be at least two numbers, each larger than the one before.', { param: 'breaks' });
  }
  const intervals = breaks.length - 1;
  const labels = options.labels ? [...options.labels] : intervalLabels(breaks, closed);
  if (labels.length !== intervals) {
    throw new EngineError('BAD_PARAMS', `${breaks.length} break points make ${intervals} intervals, but ${labels.length} labels were given.`, {
      param: 'labels',
    });
  }
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  if (twice !== undefined) throw new EngineError('BAD_PARAMS', `The label "${twice}" is given to two intervals.`, { param: 'labels' });

  const data = columnData(ds, idx);
  const values = data.values as Float64Array;
  const n = data.length;
  const hasNull = data.nullCount > 0;
  const codes = new Int32Array(n);
  const changed = emptyBits(n);
  const suppressed = emptyBits(n);
  let outside = 0;
  const examples: number[] = [];
  const right = closed === 'right';
  for (let i = 0; i < n; i++) {
    if (hasNull && !data.getValid(i)) {
      codes[i] = -1;
      continue;
    }
    const v = values[i]!;
    const k = intervalOf(v, breaks, right);
    codes[i] = k;
    if (k >= 0) setBit(changed, i);
    else {
      setBit(suppressed, i);
      outside++;
      if (examples.length < 3 && !examples.includes(v)) examples.push(v);
    }
  }
  const lo = breaks[0]!;
  const hi = breaks[intervals]!;
  const span = right ? `(${lo}, ${hi}]` : `[${lo}, ${hi})`;
  if (outside > 0 && (options.outside ?? 'stop') === 'stop') {
    throw new EngineError(
      'UNREADABLE_VALUES',
      `${fmt(outside)} value${outside === 1 ? '' : 's'} of "${column}" lie outside the breaks ${span} (for example ${examples.join(', ')}), so nothing was changed. Widen the breaks, or choose to make values outside them missing (as sdcMicro does).`,
      { column, outside, examples: examples.map(String) },
    );
  }
  // The intervals are ordered: the category's order is theirs.
  const dataset = withColumn(ds, idx, { vector: dictionaryVector(labels, codes), kind: 'categorical', changed, suppressed, order: labels });
  const recoded = n - outside - data.nullCount;
  const tail = outside > 0 ? ` ${fmt(outside)} values outside ${span} are now missing.` : '';
  return {
    dataset,
    log: {
      summary: `Recoded ${fmt(recoded)} values of ${column} into ${intervals} interval${intervals === 1 ? '' : 's'} (${labels.join(', ')}).${tail}`,
      counts: { valuesRecoded: recoded, valuesMadeMissing: outside, intervals },
    },
  };
}

/** The interval holding v, or -1 outside: (b[k], b[k+1]] when right-closed, [b[k], b[k+1]) when left-closed. */
function intervalOf(v: number, breaks: readonly number[], right: boolean): number {
  let lo = 0;
  let hi = breaks.length - 1;
  if (right ? v <= breaks[0]! || v > breaks[hi]! : v < breaks[0]! || v >= breaks[hi]!) return -1;
  // Binary search for the interval k with breaks[k] < v <= breaks[k+1] (or the left-closed form).
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (right ? v > breaks[mid]! : v >= breaks[mid]!) lo = mid;
    else hi = mid;
  }
  return lo;
}

function fmt(n: number): string {
  return n.toLocaleString('en-GB');
}

export const recodeStep = defineStep({
  id: 'recode',
  title: 'Recode numbers into intervals',
  description:
    'Replaces each number by the interval it falls in (ages 20 to 30 become "(20,30]"), so that exact values no longer single people out. You choose the break points; each interval includes its upper end, as in sdcMicro, unless you choose the lower end.',
  source: 'sdcMicro globalRecode with a vector of breaks (R cut, dig.lab = 8); Hundepool et al. (2012), 3.4.2 (global recoding).',
  stage: 'protect',
  params: {
    column: p.column({ label: 'Column', description: 'The numeric column to recode.', kinds: ['integer', 'decimal'], roles: ['key'] }),
    breaks: p.numbers({
      label: 'Break points',
      description: 'The edges of the intervals, smallest first: 0, 20, 40, 60 makes (0,20], (20,40], (40,60].',
      minItems: 2,
      increasing: true,
    }),
    labels: p
      .texts({ label: 'Labels', description: 'A name for each interval, one fewer than the break points. By default "(20,40]".', distinct: true })
      .optional(),
    closed: p
      .choice({
        label: 'Each interval includes',
        description: 'Which end belongs to the interval.',
        choices: [
          { value: 'right', label: 'Its upper end, (20,40] (sdcMicro)' },
          { value: 'left', label: 'Its lower end, [20,40)' },
        ],
      })
      .withDefault('right'),
    outside: p
      .choice({
        label: 'Values outside the break points',
        description: 'Stop and say how many (the default), or make them missing as sdcMicro does.',
        choices: [
          { value: 'stop', label: 'Stop and tell me' },
          { value: 'missing', label: 'Make them missing' },
        ],
      })
      .withDefault('stop'),
  },
  run: (ds, params) => recode(ds, params),
});
