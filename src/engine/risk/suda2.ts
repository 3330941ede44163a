/**
 * SUDA2: minimal sample uniques (MSUs), SUDA scores and DIS-SUDA scores, as
 * sdcMicro's suda2() computes them (sdcMicro 5.8.1, `original_scores = TRUE`).
 *
 * Definitions. A record is a sample unique on a set of key variables when no
 * other record has its values on all of them; the set is a minimal sample unique
 * when the record is unique on it and on none of its proper subsets. With ATT key
 * variables and MSUs of at most M of them, an MSU of size k adds
 * prod_{i=k}^{M-1} (ATT - i) to the record's score (Elliot et al.); with M = ATT,
 * sdcMicro's case, that is (ATT - k)!.
 *
 * Method: a depth-first walk over the subsets of the key variables, each subset
 * reached from the one without its smallest variable, so that subsets come in
 * increasing bit-mask order and every proper subset of a set is finished before
 * the set. Records are first collapsed to their distinct combinations; each node
 * holds the groups of combinations that agree on its subset and still contain a
 * sample unique of the whole key, and refines them by one more variable with a
 * counting sort. A combination left alone in its group is unique on the subset,
 * and the subset is an MSU unless one of the MSUs already found for it is inside
 * the subset (Manning, Haglin and Keane's recursive search, 2008, walked over
 * variables instead of items).
 */
import { EngineError } from '../errors.ts';
import type { Checkpointer, ColumnCodes } from '../table/column-codes.ts';

export interface Suda2Key {
  name: string;
  codes: ColumnCodes;
}

export interface Suda2Options {
  /** Largest MSU searched for; default (and at most) the number of key variables. */
  maxSize?: number;
  /** Sampling fraction used by the DIS score, in (0, 1); default 0.01 as in sdcMicro. */
  disFraction?: number;
}

export interface Suda2Result {
  /** Per record: SUDA score as sdcMicro's $score. */
  score: Float64Array;
  /** Per record: DIS score as sdcMicro's $disScore. */
  dis: Float64Array;
  /** Number of minimal sample uniques found of each size 1..maxSize (index 0 = size 1). */
  msuCounts: number[];
  /** Records with at least one MSU. */
  recordsWithMsu: number;
  maxSize: number;
  /** Per key variable, percent, as sdcMicro's attribute_contributions. */
  contributions: { variable: string; contribution: number }[];
  /** Per key variable and category, percent, as attribute_level_contributions; value = the category's label text (ColumnCodes.labels[code]). Same order as sdcMicro where it makes sense. */
  levelContributions: { variable: string; value: string | null; contribution: number }[];
}

/** Subsets are 32-bit masks. */
const MAX_KEYS = 32;
/** Rows read plus codes copied by the walk between checkpoints: some tens of milliseconds. */
const WORK_PER_CHECKPOINT = 1 << 21;
/** sdcMicro codes a missing value as -999 before hashing records. */
const MISSING_VALUE = -999;

/**
 * SUDA2 scores of every record, reproducing sdcMicro's `suda2()` (R/suda2.R and
 * src/Suda2.h) on the same key variables.
 *
 * - Score: the sum over the record's MSUs of the weight above; sdcMicro pads one or
 *   two key variables with constant columns up to three, so ATT is at least 3 (its
 *   weights and its DIS exponent follow from that); MSU sizes stay at most the
 *   number of keys.
 * - DIS score: with U sample uniques, P records in combinations that occur exactly
 *   twice, f = disFraction, Dis = U f / (U f + P (1 - f)) and Q = 1 + (8 - ATT) / 20,
 *   a scored record gets 1 / (1 + (U / Dis - U) / (score^Q * sum over scored records
 *   of score^-Q)), others 0. As in sdcMicro, Dis, Q and U / Dis - U are computed in
 *   single precision, and U counts only the records alone in their bucket of
 *   sdcMicro's 16-bit record hash (U cancels out up to rounding; with no such record
 *   the DIS scores of scored records are NaN, as there). The hash needs each
 *   category's number: the number its label spells when every label of the key is
 *   numeric, otherwise its rank among the sorted labels (R's factor codes).
 * - Missing values (labels null): a missing value matches nothing, not even another
 *   missing value, and a record never uses a key it lacks in an MSU; records that are
 *   alike including where values are missing still count as duplicates for U and P.
 *   This is sdcMicro's treatment of NA (coded -999 and skipped as an item); a real
 *   category -999 is not treated as missing here.
 * - Contributions: per record, each MSU adds its weight to each of its variables,
 *   divided by the score; a key's contribution is 100 * sum(score * share) / sum(score),
 *   a category's is its share of that sum within its key (missing not listed; NaN
 *   when the denominator is 0, as in R). When two categories of different keys hold
 *   exactly the same records, sdcMicro keeps the one of the earlier key and credits
 *   the other only partly; that bookkeeping is reproduced.
 * - Deviation: on a single record with one or two keys, sdcMicro also counts its
 *   padding columns as MSUs of size 1; here only real keys count.
 *
 * @param keys the key variables, all with the same number of rows (at most 32).
 * @param options `maxSize` (integer >= 1; larger values mean all sizes) and `disFraction`.
 * @param ctx checkpoint (cancel) and optional progress.
 * @returns per-record scores and DIS scores, MSU counts per size, contributions.
 * @throws EngineError BAD_PARAMS for no keys, too many keys, keys of different
 *   lengths, maxSize < 1 or not whole, disFraction outside (0, 1); CANCELLED on cancel.
 */
export async function suda2(
  keys: readonly Suda2Key[],
  options: Suda2Options,
  ctx: Checkpointer & { progress?(step: string, done: number, total: number): void },
): Promise<Suda2Result> {
  const K = keys.length;
  if (K === 0) throw new EngineError('BAD_PARAMS', 'SUDA2 needs at least one key variable.');
  if (K > MAX_KEYS) throw new EngineError('BAD_PARAMS', `SUDA2 takes at most ${MAX_KEYS} key variables; ${K} were chosen.`);
  const n = keys[0]!.codes.codes.length;
  for (const k of keys) {
    if (k.codes.codes.length !== n) throw new EngineError('BAD_PARAMS', `The key variable ${k.name} has ${k.codes.codes.length} rows; the others have ${n}.`);
  }
  const maxSizeOpt = options.maxSize;
  if (maxSizeOpt !== undefined && !(Number.isInteger(maxSizeOpt) && maxSizeOpt >= 1)) {
    throw new EngineError('BAD_PARAMS', `The largest MSU size must be a whole number of at least 1; it is ${maxSizeOpt}.`);
  }
  const disFraction = options.disFraction ?? 0.01;
  if (!(disFraction > 0 && disFraction < 1)) {
    throw new EngineError('BAD_PARAMS', `The sampling fraction for the DIS score must lie strictly between 0 and 1; it is ${disFraction}.`);
  }
  const maxSize = Math.min(maxSizeOpt ?? K, K);
  const att = Math.max(K, 3);
  const weights = msuWeights(att, maxSize < K ? maxSize : att, maxSize);

  const cols: KeyColumn[] = [];
  for (const k of keys) {
    cols.push(presentCodes(k.codes));
    if (n > 1 << 16) await ctx.checkpoint();
  }
  const patterns = await distinctCombinations(cols, n, ctx);
  const reps = await representatives(cols, n, ctx);
  const found = await searchMsus(cols, patterns, reps, maxSize, weights, ctx);

  const { score, msuCounts, recordsWithMsu } = scoresOf(found, K, n, weights);
  await ctx.checkpoint();
  const dis = await disScores(score, found, cols, patterns, att, disFraction, ctx);
  const { contributions, levelContributions } = await contributionTables(keys, cols, score, found, ctx);
  return { score, dis, msuCounts, recordsWithMsu, maxSize, contributions, levelContributions };
}

/**
 * Per record its score; the candidates' credits become R's `contributionPercent * score`
 * in place (sdcMicro divides by the score, R multiplies back, rounding included).
 */
function scoresOf(found: Found, K: number, n: number, weights: Float64Array): Pick<Suda2Result, 'score' | 'msuCounts' | 'recordsWithMsu'> {
  const maxSize = weights.length;
  const score = new Float64Array(n);
  const msuCounts = new Array<number>(maxSize).fill(0);
  let recordsWithMsu = 0;
  for (let c = 0; c < found.candidates; c++) {
    let s = 0;
    for (let j = 0; j < maxSize; j++) {
      const count = found.counts[c * maxSize + j]!;
      s += count * weights[j]!;
      msuCounts[j]! += count;
    }
    if (s === 0) continue;
    recordsWithMsu++;
    score[found.candidateRow[c]!] = s;
    for (let v = c * K; v < c * K + K; v++) found.contrib[v] = (found.contrib[v]! / s) * s;
  }
  return { score, msuCounts, recordsWithMsu };
}

/** Weight of an MSU of each size 1..maxSize: prod_{i=k}^{top-1} (att - i), rounded once to a double as sdcMicro's long double product is. */
function msuWeights(att: number, top: number, maxSize: number): Float64Array {
  const w = new Float64Array(maxSize);
  for (let k = 1; k <= maxSize; k++) {
    let p = 1n;
    for (let i = k; i < top; i++) p *= BigInt(att - i);
    w[k - 1] = Number(p);
  }
  return w;
}

// ---------------------------------------------------------------- key columns

interface KeyColumn {
  /** Per row: the code, -1 when missing. */
  codes: Int32Array;
  /** Codes run below this. */
  cardinality: number;
  /** Per code: the number sdcMicro's C++ sees (for its record hash). */
  value: Int32Array;
  /** The codes that occur, missing excluded, in R's sort order of the values. */
  levels: number[];
}

function presentCodes(cc: ColumnCodes): KeyColumn {
  const card = cc.cardinality;
  const src = cc.codes;
  const n = src.length;
  const missing = new Uint8Array(card);
  for (let c = 0; c < card; c++) if (cc.labels[c] === null || cc.labels[c] === undefined) missing[c] = 1;
  const codes = new Int32Array(n);
  const used = new Uint8Array(card);
  for (let i = 0; i < n; i++) {
    const c = src[i]!;
    if (missing[c]) codes[i] = -1;
    else {
      codes[i] = c;
      used[c] = 1;
    }
  }
  const levels: number[] = [];
  for (let c = 0; c < card; c++) if (used[c]) levels.push(c);
  const numbers = levels.map((c) => {
    const text = cc.labels[c]!;
    return text.trim() === '' ? NaN : Number(text);
  });
  const numeric = numbers.every((x) => Number.isFinite(x));
  const value = new Int32Array(card).fill(MISSING_VALUE);
  if (numeric) {
    const byCode = new Map(levels.map((c, i) => [c, numbers[i]!]));
    levels.sort((a, b) => byCode.get(a)! - byCode.get(b)!);
    for (const c of levels) value[c] = Math.trunc(byCode.get(c)!) | 0;
  } else {
    // R turns a character key into a factor: sorted levels, coded from 1.
    levels.sort((a, b) => {
      const x = cc.labels[a]!;
      const y = cc.labels[b]!;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    levels.forEach((c, i) => (value[c] = i + 1));
  }
  return { codes, cardinality: card, value, levels };
}

// ---------------------------------------------------------------- distinct combinations

interface Combinations {
  /** Number of distinct combinations of the key values (missing a value of its own). */
  m: number;
  /** Per row: its combination. */
  ofRow: Int32Array;
  /** Per combination: the number of rows with it, and its first row. */
  size: Int32Array;
  firstRow: Int32Array;
}

/** Combined key values stay below this before they are renumbered: a table of that many slots. */
const comboRange = (n: number): number => Math.min(2 ** 30, Math.max(4 * n, 1 << 20));

/** Rows per pass between checkpoints while the combinations are found. */
const ROWS_PER_CHUNK = 1 << 18;

async function byChunks(n: number, ctx: Checkpointer, step: (from: number, to: number) => void): Promise<void> {
  for (let from = 0; from < n; from += ROWS_PER_CHUNK) {
    step(from, Math.min(n, from + ROWS_PER_CHUNK));
    if (from + ROWS_PER_CHUNK < n) await ctx.checkpoint();
  }
}

/**
 * Each row's combination, in order of first appearance: the keys' codes combined in
 * mixed radix (missing as one more code) row by row, renumbered through a direct
 * table whenever the range would grow past comboRange.
 */
async function distinctCombinations(cols: readonly KeyColumn[], n: number, ctx: Checkpointer): Promise<Combinations> {
  const ids = new Int32Array(n);
  const limit = comboRange(n);
  let range = 1;
  for (const col of cols) {
    const radix = col.cardinality + 1;
    if (range * radix > limit) range = await renumber(ids, range, ctx);
    if (range * radix > limit) range = await renumberPairs(ids, range, col, ctx);
    else {
      await byChunks(n, ctx, (from, to) => combine(ids, col.codes, radix, from, to));
      range *= radix;
    }
  }
  const m = await renumber(ids, range, ctx);
  const size = new Int32Array(m);
  const firstRow = new Int32Array(m);
  for (let i = 0; i < n; i++) if (size[ids[i]!]!++ === 0) firstRow[ids[i]!] = i;
  return { m, ofRow: ids, size, firstRow };
}

function combine(ids: Int32Array, codes: Int32Array, radix: number, from: number, to: number): void {
  for (let i = from; i < to; i++) ids[i] = ids[i]! * radix + codes[i]! + 1;
}

/** Renumber ids below `range` to 0..m-1 in order of first appearance; returns m. */
async function renumber(ids: Int32Array, range: number, ctx: Checkpointer): Promise<number> {
  const table = new Int32Array(range).fill(-1);
  const next = { m: 0 };
  await byChunks(ids.length, ctx, (from, to) => renumberRows(ids, table, next, from, to));
  return next.m;
}

function renumberRows(ids: Int32Array, table: Int32Array, next: { m: number }, from: number, to: number): void {
  let m = next.m;
  for (let i = from; i < to; i++) {
    const t = ids[i]!;
    let x = table[t]!;
    if (x < 0) table[t] = x = m++;
    ids[i] = x;
  }
  next.m = m;
}

/** Combine ids below m with a key whose codes are too many for a table: sort the rows on (id, code) and number the runs. */
async function renumberPairs(ids: Int32Array, m: number, col: KeyColumn, ctx: Checkpointer): Promise<number> {
  const n = ids.length;
  const byCode = new Int32Array(n);
  await countingSort(col.codes, 1, col.cardinality + 1, null, byCode, ctx);
  const order = new Int32Array(n);
  await countingSort(ids, 0, m, byCode, order, ctx);
  const out = new Int32Array(n);
  const next = { m: 0 };
  await byChunks(n, ctx, (from, to) => numberRuns(ids, col.codes, order, out, next, from, to));
  ids.set(out);
  return next.m;
}

/** Stable counting sort of the rows listed in `from` (all rows when null) by key[row] + shift, below `range`, into `into`. */
async function countingSort(key: Int32Array, shift: number, range: number, rows: Int32Array | null, into: Int32Array, ctx: Checkpointer): Promise<void> {
  const start = new Int32Array(range + 1);
  await byChunks(key.length, ctx, (from, to) => countKeys(key, shift, start, from, to));
  for (let x = 0; x < range; x++) start[x + 1]! += start[x]!;
  await byChunks(key.length, ctx, (from, to) => placeRows(key, shift, start, rows, into, from, to));
}

function countKeys(key: Int32Array, shift: number, start: Int32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) start[key[i]! + shift + 1]!++;
}

function placeRows(key: Int32Array, shift: number, start: Int32Array, rows: Int32Array | null, into: Int32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const r = rows ? rows[i]! : i;
    into[start[key[r]! + shift]!++] = r;
  }
}

/** Number the runs of equal (id, code) in rows sorted on them, into `out`. */
function numberRuns(ids: Int32Array, codes: Int32Array, order: Int32Array, out: Int32Array, next: { m: number }, from: number, to: number): void {
  let m = next.m;
  for (let i = from; i < to; i++) {
    const r = order[i]!;
    const p = i > 0 ? order[i - 1]! : -1;
    if (p < 0 || ids[r] !== ids[p] || codes[r] !== codes[p]) m++;
    out[r] = m - 1;
  }
  next.m = m;
}

// ---------------------------------------------------------------- the search

interface Found {
  /** Combinations that occur once: the only ones that can have an MSU. */
  candidates: number;
  /** Per candidate: its row and its combination. */
  candidateRow: Int32Array;
  combination: Int32Array;
  /** Per candidate and size: MSUs found. */
  counts: Int32Array;
  /** Per candidate and key: the weights of the MSUs credited to the key. */
  contrib: Float64Array;
  /** Per candidate, its MSUs as masks: a linked list (head, next, mask). */
  head: Int32Array;
  next: Int32Array;
  mask: Int32Array;
}

/** A growable Int32Array. */
function grow(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** The walk's working state: typed arrays only, so that the hot loops stay in plain functions V8 optimises. */
interface Walk {
  K: number;
  maxSize: number;
  weights: Float64Array;
  rep: Int32Array[] | null;
  /** Per combination: its candidate number, or -1. */
  candOf: Int32Array;
  found: Found;
  /** MSU masks stored so far. */
  stored: number;
  /** Counting-sort scratch, one slot per code. */
  cnt: Int32Array;
  candCnt: Int32Array;
  pos: Int32Array;
  touched: Int32Array;
  /** Combinations found alone in their group by the last refinement. */
  events: Int32Array;
  nEvents: number;
  /** Logged (candidate, subset) pairs not yet worked off. */
  logCandidate: Int32Array;
  logMask: Int32Array;
  logLength: number;
  /** Scratch of the log's counting sort by candidate. */
  logStart: Int32Array | null;
  logOrder: Int32Array;
  /** Scratch: one candidate's MSUs while its log entries are worked off. */
  known: Int32Array;
  /**
   * Per depth, the node's groups: per row its combination times 2 plus 1 for a
   * candidate, then the row's codes of the keys below the node's smallest (`width`
   * of them, row after row, so that refining reads them in order); group ends; counts.
   */
  ids: Int32Array[];
  codes: Int32Array[];
  width: Int32Array;
  ends: Int32Array[];
  groups: Int32Array;
  used: Int32Array;
}

async function searchMsus(
  cols: readonly KeyColumn[],
  combos: Combinations,
  rep: Int32Array[] | null,
  maxSize: number,
  weights: Float64Array,
  ctx: Checkpointer & { progress?(step: string, done: number, total: number): void },
): Promise<Found> {
  const walk = startWalk(cols, combos, rep, maxSize, weights);
  await ctx.checkpoint();
  const K = cols.length;
  const nodeMask = new Int32Array(maxSize + 1);
  const nodeNext = new Int32Array(maxSize + 1);
  const total = 2 ** K - 1;
  ctx.progress?.('Finding minimal sample uniques', 0, total);
  let work = 0;
  let d = 0;
  while (walk.found.candidates > 0) {
    // A node's children add the keys below its smallest (all keys at the root).
    if (nodeNext[d]! >= walk.width[d]!) {
      if (d === 0) break;
      d--;
      continue;
    }
    const u = nodeNext[d]!++;
    const T = nodeMask[d]! | (1 << u);
    const size = d + 1;
    const carry = size < maxSize && u > 0;
    // Rows read and codes copied count as work; a large node is refined in slices.
    const cost = carry ? 1 + u : 1;
    for (let g = 0; g < walk.groups[d]!;) {
      const from = g === 0 ? 0 : walk.ends[d]![g - 1]!;
      g = refine(walk, d, u, carry, g, Math.max(1, (WORK_PER_CHECKPOINT - work) / cost));
      logEvents(walk, walk.nEvents, T);
      work += (walk.ends[d]![g - 1]! - from) * cost;
      if (walk.logLength >= LOG_BATCH) {
        await flushLog(walk, ctx);
        work = 0;
      }
      if (work >= WORK_PER_CHECKPOINT) {
        work = 0;
        ctx.progress?.('Finding minimal sample uniques', T >>> 0, total);
        await ctx.checkpoint();
      }
    }
    if (carry && walk.groups[size]! > 0) {
      d = size;
      nodeMask[d] = T;
      nodeNext[d] = 0;
    }
  }
  await flushLog(walk, ctx);
  ctx.progress?.('Finding minimal sample uniques', total, total);
  return walk.found;
}

function startWalk(cols: readonly KeyColumn[], combos: Combinations, rep: Int32Array[] | null, maxSize: number, weights: Float64Array): Walk {
  const K = cols.length;
  const { m } = combos;
  const candOf = new Int32Array(m).fill(-1);
  // Candidates are numbered in row order, the order in which R sums.
  let candidates = 0;
  for (let p = 0; p < m; p++) if (combos.size[p] === 1) candidates++;
  const candidateRow = new Int32Array(candidates);
  const combination = new Int32Array(candidates);
  const n = combos.ofRow.length;
  for (let i = 0, c = 0; i < n; i++) {
    const p = combos.ofRow[i]!;
    if (combos.size[p] === 1) {
      candOf[p] = c;
      combination[c] = p;
      candidateRow[c++] = i;
    }
  }
  let maxCard = 1;
  for (const c of cols) maxCard = Math.max(maxCard, c.cardinality);
  const rootIds = new Int32Array(m);
  const rootCodes = new Int32Array(m * K);
  for (let p = 0; p < m; p++) {
    rootIds[p] = (p << 1) | (combos.size[p] === 1 ? 1 : 0);
    const row = combos.firstRow[p]!;
    for (let v = 0; v < K; v++) rootCodes[p * K + v] = cols[v]!.codes[row]!;
  }
  const ids = [rootIds];
  const codes = [rootCodes];
  const ends = [Int32Array.of(m)];
  for (let d = 1; d <= maxSize; d++) {
    ids.push(new Int32Array(0));
    codes.push(new Int32Array(0));
    ends.push(new Int32Array(0));
  }
  const width = new Int32Array(maxSize + 1);
  const groups = new Int32Array(maxSize + 1);
  const used = new Int32Array(maxSize + 1);
  width[0] = K;
  groups[0] = 1;
  used[0] = m;
  return {
    K,
    maxSize,
    weights,
    rep,
    candOf,
    found: {
      candidates,
      candidateRow,
      combination,
      counts: new Int32Array(candidates * maxSize),
      contrib: new Float64Array(candidates * K),
      head: new Int32Array(candidates).fill(-1),
      next: new Int32Array(64),
      mask: new Int32Array(64),
    },
    stored: 0,
    cnt: new Int32Array(maxCard),
    candCnt: new Int32Array(maxCard),
    pos: new Int32Array(maxCard),
    touched: new Int32Array(maxCard),
    events: new Int32Array(m),
    nEvents: 0,
    logCandidate: new Int32Array(1024),
    logMask: new Int32Array(1024),
    logLength: 0,
    logStart: null,
    logOrder: new Int32Array(1024),
    known: new Int32Array(64),
    ids,
    codes,
    width,
    ends,
    groups,
    used,
  };
}

/**
 * Split the groups of the node at depth d by key u, from group g0 on until about
 * `budget` rows are done; returns the next group. Subgroups of two or more that hold
 * a candidate go to depth d + 1 when `carry`, with their codes of keys 0..u-1;
 * candidates left alone are listed in `walk.events` (`walk.nEvents` of them).
 */
function refine(walk: Walk, d: number, u: number, carry: boolean, g0: number, budget: number): number {
  const { cnt, candCnt, pos, touched, events } = walk;
  const inIds = walk.ids[d]!;
  const inCodes = walk.codes[d]!;
  const w = walk.width[d]!;
  const inEnds = walk.ends[d]!;
  const nIn = walk.groups[d]!;
  let outIds = walk.ids[d + 1]!;
  let outCodes = walk.codes[d + 1]!;
  let outEnds = walk.ends[d + 1]!;
  if (carry && g0 === 0) {
    const rows = walk.used[d]!;
    outIds = walk.ids[d + 1] = grow(outIds, rows);
    outCodes = walk.codes[d + 1] = grow(outCodes, rows * u);
    outEnds = walk.ends[d + 1] = grow(outEnds, (rows >> 1) + 1);
  }
  let nOut = g0 === 0 ? 0 : walk.used[d + 1]!;
  let nGroups = g0 === 0 ? 0 : walk.groups[d + 1]!;
  let nEvents = 0;
  const first = g0 === 0 ? 0 : inEnds[g0 - 1]!;
  let a = first;
  let g = g0;
  for (; g < nIn && a - first < budget; g++) {
    const b = inEnds[g]!;
    if (b - a === 2) {
      const id0 = inIds[a]!;
      const id1 = inIds[a + 1]!;
      const c0 = inCodes[a * w + u]!;
      const c1 = inCodes[a * w + w + u]!;
      if (c0 >= 0 && c0 === c1) {
        if (carry) {
          outIds[nOut] = id0;
          outIds[nOut + 1] = id1;
          const from = a * w;
          const to = nOut * u;
          for (let k = 0; k < u; k++) {
            outCodes[to + k] = inCodes[from + k]!;
            outCodes[to + u + k] = inCodes[from + w + k]!;
          }
          nOut += 2;
          outEnds[nGroups++] = nOut;
        }
      } else {
        if (c0 >= 0 && id0 & 1) events[nEvents++] = id0 >> 1;
        if (c1 >= 0 && id1 & 1) events[nEvents++] = id1 >> 1;
      }
      a = b;
      continue;
    }
    let nt = 0;
    for (let i = a; i < b; i++) {
      const c = inCodes[i * w + u]!;
      if (c < 0) continue;
      if (cnt[c]!++ === 0) touched[nt++] = c;
      candCnt[c]! += inIds[i]! & 1;
    }
    let singles = 0;
    let off = nOut;
    for (let t = 0; t < nt; t++) {
      const c = touched[t]!;
      const k = cnt[c]!;
      pos[c] = -1;
      if (k === 1) singles++;
      else if (carry && candCnt[c]! > 0) {
        pos[c] = off;
        off += k;
        outEnds[nGroups++] = off;
      }
    }
    if (off > nOut || singles > 0) {
      for (let i = a; i < b; i++) {
        const c = inCodes[i * w + u]!;
        if (c < 0) continue;
        const at = pos[c]!;
        const id = inIds[i]!;
        if (at >= 0) {
          outIds[at] = id;
          const from = i * w;
          const to = at * u;
          for (let k = 0; k < u; k++) outCodes[to + k] = inCodes[from + k]!;
          pos[c] = at + 1;
        } else if (cnt[c] === 1 && id & 1) events[nEvents++] = id >> 1;
      }
    }
    nOut = off;
    for (let t = 0; t < nt; t++) {
      const c = touched[t]!;
      cnt[c] = 0;
      candCnt[c] = 0;
    }
    a = b;
  }
  walk.groups[d + 1] = carry ? nGroups : 0;
  walk.used[d + 1] = carry ? nOut : 0;
  walk.width[d + 1] = u;
  walk.nEvents = nEvents;
  return g;
}

/** The walk logs the candidates each refinement leaves alone and works the log off in batches of about this many, */
const LOG_BATCH = 1 << 18;
/** ... this many entries between checkpoints. */
const LOG_SLICE = 1 << 16;

function logEvents(walk: Walk, nEvents: number, T: number): void {
  if (walk.logLength + nEvents > walk.logCandidate.length) {
    walk.logCandidate = grow(walk.logCandidate, walk.logLength + nEvents);
    walk.logMask = grow(walk.logMask, walk.logLength + nEvents);
  }
  const { events, candOf, logCandidate, logMask } = walk;
  let at = walk.logLength;
  for (let e = 0; e < nEvents; e++) {
    logCandidate[at] = candOf[events[e]!]!;
    logMask[at++] = T;
  }
  walk.logLength = at;
}

/**
 * Work off the log: each logged candidate is unique on the logged subset, which is
 * an MSU unless an MSU already found for the candidate lies inside it. The log is
 * grouped by candidate (stably, so each candidate's subsets stay in increasing
 * order); MSUs of the largest size are counted but not kept, as no later subset
 * can contain them.
 */
async function flushLog(walk: Walk, ctx: Checkpointer): Promise<void> {
  sortLog(walk);
  for (let c = 0; c < walk.found.candidates;) {
    c = workOff(walk, c, LOG_SLICE);
    await ctx.checkpoint();
  }
  walk.logLength = 0;
}

/** Group the log by candidate: walk.logOrder lists its entries, candidate c's from logStart[c] to logStart[c + 1]. */
function sortLog(walk: Walk): void {
  const { logCandidate } = walk;
  const length = walk.logLength;
  const C = walk.found.candidates;
  const start = (walk.logStart ??= new Int32Array(C + 1));
  start.fill(0);
  const byCandidate = (walk.logOrder = grow(walk.logOrder, length));
  for (let e = 0; e < length; e++) start[logCandidate[e]! + 1]!++;
  for (let c = 0; c < C; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, C);
  for (let e = 0; e < length; e++) byCandidate[fill[logCandidate[e]!]!++] = e;
}

/** Work off the sorted log's entries of candidates c0, c0 + 1, ... until about `budget` are done; returns the next candidate. */
function workOff(walk: Walk, c0: number, budget: number): number {
  const { found, rep, K, maxSize, weights, logMask } = walk;
  // The root's rows are the combinations, their codes row by row.
  const codes = walk.codes[0]!;
  const { head, counts, contrib } = found;
  const start = walk.logStart!;
  const byCandidate = walk.logOrder;
  const C = found.candidates;
  let known = walk.known;
  const first = start[c0]!;
  let c = c0;
  for (; c < C && start[c]! - first < budget; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    if (from === to) continue;
    let nKnown = 0;
    for (let x = head[c]!; x >= 0; x = found.next[x]!) {
      known = grow(known, nKnown + 1);
      known[nKnown++] = found.mask[x]!;
    }
    const p = found.combination[c]! * K;
    const at = c * K;
    for (let e = from; e < to; e++) {
      const T = logMask[byCandidate[e]!]!;
      let minimal = true;
      for (let x = 0; x < nKnown && minimal; x++) minimal = (known[x]! & T) !== known[x];
      if (!minimal) continue;
      let size = 0;
      for (let bits = T; bits !== 0; bits &= bits - 1) size++;
      if (size < maxSize) {
        known = grow(known, nKnown + 1);
        known[nKnown++] = T;
        const slot = walk.stored++;
        if (slot >= found.mask.length) {
          found.next = grow(found.next, slot + 1);
          found.mask = grow(found.mask, slot + 1);
        }
        found.mask[slot] = T;
        found.next[slot] = head[c]!;
        head[c] = slot;
      }
      counts[c * maxSize + size - 1]!++;
      const w = weights[size - 1]!;
      if (!rep || size === 1) {
        for (let bits = T; bits !== 0; bits &= bits - 1) contrib[at + 31 - Math.clz32(bits & -bits)]! += w;
      } else if (size === 2) {
        // sdcMicro credits both keys of a pair when one of its categories is a representative.
        const x = 31 - Math.clz32(T & -T);
        const y = 31 - Math.clz32(T);
        if (rep[x]![codes[p + x]!] === x || rep[y]![codes[p + y]!] === y) {
          contrib[at + x]! += w;
          contrib[at + y]! += w;
        }
      } else {
        // A larger MSU credits the keys of the representatives of its categories.
        for (let bits = T; bits !== 0; bits &= bits - 1) {
          const v = 31 - Math.clz32(bits & -bits);
          contrib[at + rep[v]![codes[p + v]!]!]! += w;
        }
      }
    }
  }
  walk.known = known;
  return c;
}

// ---------------------------------------------------------------- sdcMicro's credit for categories with the same records

/**
 * Per key and code: the key of the category's representative, when categories of
 * different keys hold exactly the same records (sdcMicro's "correlated" items; the
 * category of the earliest key represents them), or null when there are none.
 * Categories are matched by count and two sums over their rows, then compared row by row.
 */
async function representatives(cols: readonly KeyColumn[], n: number, ctx: Checkpointer): Promise<Int32Array[] | null> {
  const K = cols.length;
  const base = new Int32Array(K + 1);
  for (let v = 0; v < K; v++) base[v + 1] = base[v]! + cols[v]!.cardinality;
  const sums: ItemSums = { base, freq: new Int32Array(base[K]!), h1: new Int32Array(base[K]!), h2: new Int32Array(base[K]!) };
  for (let v = 0; v < K; v++) {
    itemSums(cols[v]!, v, sums);
    if (n > 1 << 16) await ctx.checkpoint();
  }
  const matcher: ItemMatcher = { cols, n, sums, chains: new Map(), rep: null, rowLists: [], rowStarts: [] };
  for (let v = 0; v < K; v++) {
    matchItems(matcher, v);
    if (n > 1 << 16) await ctx.checkpoint();
  }
  return matcher.rep;
}

/** Per item (a key's category, numbered from base[key]): its number of rows and two sums over them. */
interface ItemSums {
  base: Int32Array;
  freq: Int32Array;
  h1: Int32Array;
  h2: Int32Array;
}

function itemSums(col: KeyColumn, v: number, { base, freq, h1, h2 }: ItemSums): void {
  const { codes } = col;
  const b = base[v]!;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) continue;
    freq[b + c]!++;
    h1[b + c] = (h1[b + c]! + i) | 0;
    h2[b + c] = (h2[b + c]! + mix(i)) | 0;
  }
}

interface ItemMatcher {
  cols: readonly KeyColumn[];
  n: number;
  sums: ItemSums;
  /** Items of earlier keys by their sums: the ones that represent themselves. */
  chains: Map<number, number[]>;
  rep: Int32Array[] | null;
  /** Per key, built when first needed: its rows grouped by code. */
  rowLists: (Int32Array | undefined)[];
  rowStarts: (Int32Array | undefined)[];
}

/** Match key v's categories against the earlier keys' (sdcMicro's items: at least 2 rows, not all). */
function matchItems(t: ItemMatcher, v: number): void {
  const { cols, n, chains } = t;
  const { base, freq, h1, h2 } = t.sums;
  const { codes, cardinality } = cols[v]!;
  for (let c = 0; c < cardinality; c++) {
    const item = base[v]! + c;
    const k = freq[item]!;
    if (k < 2 || k >= n) continue;
    const key = (h1[item]! >>> 0) * 2_097_152 + ((h2[item]! ^ k) & 0x1fffff);
    const chain = chains.get(key);
    if (!chain) {
      chains.set(key, [item]);
      continue;
    }
    let same = -1;
    for (const other of chain) {
      if (freq[other] !== k) continue;
      let ov = 0;
      while (base[ov + 1]! <= other) ov++;
      const rows = rowsOf(t, ov, other - base[ov]!);
      let all = true;
      for (let i = 0; i < rows.length && all; i++) all = codes[rows[i]!] === c;
      if (all) {
        same = ov;
        break;
      }
    }
    if (same < 0) chain.push(item);
    else {
      t.rep ??= cols.map((col, x) => new Int32Array(col.cardinality).fill(x));
      t.rep[v]![c] = same;
    }
  }
}

function rowsOf(t: ItemMatcher, v: number, c: number): Int32Array {
  let list = t.rowLists[v];
  let start = t.rowStarts[v];
  if (!list || !start) {
    const { codes, cardinality } = t.cols[v]!;
    start = new Int32Array(cardinality + 1);
    for (let i = 0; i < t.n; i++) if (codes[i]! >= 0) start[codes[i]! + 1]!++;
    for (let x = 0; x < cardinality; x++) start[x + 1]! += start[x]!;
    const at = start.slice(0, cardinality);
    list = new Int32Array(start[cardinality]!);
    for (let i = 0; i < t.n; i++) if (codes[i]! >= 0) list[at[codes[i]!]!++] = i;
    t.rowLists[v] = list;
    t.rowStarts[v] = start;
  }
  return list.subarray(start[c]!, start[c + 1]!);
}

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return x ^ (x >>> 16);
}

// ---------------------------------------------------------------- DIS

async function disScores(
  score: Float64Array,
  found: Found,
  cols: readonly KeyColumn[],
  combos: Combinations,
  att: number,
  disFraction: number,
  ctx: Checkpointer,
): Promise<Float64Array> {
  const n = score.length;
  const hash = new Int32Array(n);
  for (const col of cols) {
    hashStep(hash, col);
    if (n > 1 << 16) await ctx.checkpoint();
  }
  // sdcMicro's constant columns (value 1) padding one or two keys up to three.
  const padding: KeyColumn = { codes: new Int32Array(n), cardinality: 1, value: Int32Array.of(1), levels: [0] };
  for (let v = cols.length; v < att; v++) hashStep(hash, padding);
  return disFromHashes(score, hash, found, combos, att, disFraction);
}

function disFromHashes(score: Float64Array, hash: Int32Array, found: Found, combos: Combinations, att: number, disFraction: number): Float64Array {
  const n = score.length;
  const buckets = new Int32Array(65_536);
  for (let i = 0; i < n; i++) buckets[hash[i]!]!++;
  let uniques = 0;
  for (let b = 0; b < 65_536; b++) if (buckets[b] === 1) uniques++;
  let pairs = 0;
  for (let p = 0; p < combos.m; p++) if (combos.size[p] === 2) pairs += 2;

  const f = Math.fround;
  const df = f(disFraction);
  const uf = f(uniques);
  const ud = f(uf * df);
  const dis0 = f(ud / f(ud + f(f(pairs) * f(1 - df))));
  const spread = f(f(uf / dis0) - uf);
  const q = f(1 + f(f(8 - att) / 20));
  // Only candidates score; they are numbered in row order, sdcMicro's order of summation.
  const rows = found.candidateRow;
  let adj = 0;
  for (let c = 0; c < rows.length; c++) {
    const s = score[rows[c]!]!;
    if (s !== 0) adj += 1 / Math.pow(s, q);
  }
  const dis = new Float64Array(n);
  for (let c = 0; c < rows.length; c++) {
    const s = score[rows[c]!]!;
    if (s !== 0) dis[rows[c]!] = 1 / (1 + spread / (Math.pow(s, q) * adj));
  }
  return dis;
}

/** One key's step of sdcMicro's 16-bit record hash: rotate left by one, add the value. */
function hashStep(hash: Int32Array, col: KeyColumn): void {
  const { codes, value } = col;
  for (let i = 0; i < hash.length; i++) {
    const c = codes[i]!;
    const h = hash[i]!;
    hash[i] = ((h << 1) + (c < 0 ? MISSING_VALUE : value[c]!) + (h >>> 15)) & 0xffff;
  }
}

// ---------------------------------------------------------------- contribution tables

async function contributionTables(
  keys: readonly Suda2Key[],
  cols: readonly KeyColumn[],
  score: Float64Array,
  found: Found,
  ctx: Checkpointer,
): Promise<Pick<Suda2Result, 'contributions' | 'levelContributions'>> {
  const K = keys.length;
  const rows = found.candidateRow;
  let totalScore = 0;
  for (let c = 0; c < rows.length; c++) totalScore += score[rows[c]!]!;
  const contributions: Suda2Result['contributions'] = [];
  const levelContributions: Suda2Result['levelContributions'] = [];
  for (let v = 0; v < K; v++) {
    const col = cols[v]!;
    const byCode = new Float64Array(col.cardinality);
    const sum = keyCredits(found.contrib, K, v, rows, col.codes, byCode);
    if (rows.length > 1 << 16) await ctx.checkpoint();
    const name = keys[v]!.name;
    contributions.push({ variable: name, contribution: 100 * (sum / totalScore) });
    const labels = keys[v]!.codes.labels;
    for (const c of col.levels) levelContributions.push({ variable: name, value: labels[c] ?? null, contribution: (100 * byCode[c]!) / sum });
  }
  return { contributions, levelContributions };
}

/** Key v's credits summed over the candidates (in row order, as R sums), in all and per code. */
function keyCredits(contrib: Float64Array, K: number, v: number, rows: Int32Array, codes: Int32Array, byCode: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < rows.length; c++) {
    const x = contrib[c * K + v]!;
    if (x === 0) continue;
    sum += x;
    const code = codes[rows[c]!]!;
    if (code >= 0) byCode[code]! += x;
  }
  return sum;
}
