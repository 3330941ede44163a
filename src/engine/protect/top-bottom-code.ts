import { EngineError } from '../errors.ts';
import { defineStep, type StepResult } from '../recipe/method.ts';
import { p } from '../recipe/params.ts';
import { columnData, columnIndex, emptyBits, setBit, withColumn, type Dataset } from '../table/dataset.ts';
import { float64Vector } from '../table/vectors.ts';

export interface TopBottomCodeOptions {
  column: string;
  /** Values above this become `topReplacement`. */
  top?: number;
  /** Values below this become `bottomReplacement`. */
  bottom?: number;
  /** Default: `top` itself. */
  topReplacement?: number;
  /** Default: `bottom` itself. */
  bottomReplacement?: number;
}

/**
 * Top and bottom coding of a numeric variable, as sdcMicro's topBotCoding:
 * values strictly above `top` are replaced by `topReplacement` and values strictly
 * below `bottom` by `bottomReplacement`; a value equal to the threshold is kept, and
 * missing stays missing (R/topBotCoding.R, sdcMicro 5.8.1, lines 105-112).
 *
 * Differences from sdcMicro, both additions: top and bottom can be coded in one
 * step (sdcMicro codes one side per call), and each replacement defaults to its
 * threshold (sdcMicro requires it). Replaced cells are recorded as changed.
 * @throws EngineError BAD_PARAMS (neither top nor bottom, or bottom above top), UNKNOWN_COLUMN
 */
export function topBottomCode(ds: Dataset, options: TopBottomCodeOptions): StepResult {
  const { column, top, bottom } = options;
  if (top === undefined && bottom === undefined) {
    throw new EngineError('BAD_PARAMS', 'Top and bottom coding needs a top value, a bottom value, or both.', { step: 'top-bottom-code', param: 'top' });
  }
  if (top !== undefined && bottom !== undefined && bottom > top) {
    throw new EngineError('BAD_PARAMS', `The bottom value (${bottom}) is above the top value (${top}).`, { step: 'top-bottom-code', param: 'bottom' });
  }
  const idx = columnIndex(ds, column);
  const meta = ds.columns[idx]!;
  if (meta.kind !== 'integer' && meta.kind !== 'decimal') {
    throw new EngineError('BAD_PARAMS', `Top and bottom coding needs a column of numbers, but "${column}" holds ${meta.kind} values.`, { column });
  }
  const data = columnData(ds, idx);
  const values = data.values as Float64Array;
  const n = data.length;
  const hi = top ?? Infinity;
  const lo = bottom ?? -Infinity;
  const topTo = options.topReplacement ?? top ?? 0;
  const bottomTo = options.bottomReplacement ?? bottom ?? 0;
  const out = new Float64Array(n);
  const changed = emptyBits(n);
  let topped = 0;
  let bottomed = 0;
  const hasNull = data.nullCount > 0;
  for (let i = 0; i < n; i++) {
    if (hasNull && !data.getValid(i)) {
      out[i] = NaN;
      continue;
    }
    const v = values[i]!;
    let w = v;
    if (v > hi) {
      w = topTo;
      topped++;
    } else if (v < lo) {
      w = bottomTo;
      bottomed++;
    }
    out[i] = w;
    if (w !== v) setBit(changed, i);
  }
  const integral = meta.kind === 'integer' && Number.isInteger(topTo) && Number.isInteger(bottomTo);
  const dataset = withColumn(ds, idx, { vector: float64Vector(out), kind: integral ? 'integer' : 'decimal', changed, keepValueLabels: true });
  const fmt = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 10 });
  const parts: string[] = [];
  if (top !== undefined) parts.push(`${fmt(topped)} value${topped === 1 ? '' : 's'} above ${fmt(top)} set to ${fmt(topTo)}`);
  if (bottom !== undefined) parts.push(`${fmt(bottomed)} value${bottomed === 1 ? '' : 's'} below ${fmt(bottom)} set to ${fmt(bottomTo)}`);
  return {
    dataset,
    log: { summary: `Coded ${column}: ${parts.join('; ')}.`, counts: { topCoded: topped, bottomCoded: bottomed } },
  };
}

export const topBottomCodeStep = defineStep({
  id: 'top-bottom-code',
  title: 'Top and bottom coding',
  description:
    'Caps a numeric variable: values above a top value are replaced (by the top value itself unless you give another), and values below a bottom value likewise. The few very large or very small values that make a record stand out (the highest income in the file) no longer do.',
  source: 'sdcMicro topBotCoding (Templ, Kowarik and Meindl 2015); Hundepool et al. (2012), 3.4.2.',
  stage: 'protect',
  params: {
    column: p.column({ label: 'Column', description: 'The numeric column to code.', kinds: ['integer', 'decimal'], roles: ['sensitive', 'key'] }),
    top: p.number({ label: 'Top value', description: 'Values above this are replaced. Leave empty to code only the bottom.' }).optional(),
    topReplacement: p.number({ label: 'Replace values above the top with', description: 'By default the top value itself.' }).optional(),
    bottom: p.number({ label: 'Bottom value', description: 'Values below this are replaced. Leave empty to code only the top.' }).optional(),
    bottomReplacement: p.number({ label: 'Replace values below the bottom with', description: 'By default the bottom value itself.' }).optional(),
  },
  check: (ds, { top, bottom, topReplacement, bottomReplacement }) => {
    if (top === undefined && topReplacement !== undefined) {
      throw new EngineError('BAD_PARAMS', 'Parameter "topReplacement" of step "top-bottom-code" needs a "top" value.', {
        step: 'top-bottom-code',
        param: 'topReplacement',
      });
    }
    if (bottom === undefined && bottomReplacement !== undefined) {
      throw new EngineError('BAD_PARAMS', 'Parameter "bottomReplacement" of step "top-bottom-code" needs a "bottom" value.', {
        step: 'top-bottom-code',
        param: 'bottomReplacement',
      });
    }
  },
  run: (ds, params) => topBottomCode(ds, params),
});
