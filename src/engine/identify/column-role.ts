/**
 * Suggests a role for one column of a table (direct identifier, key variable,
 * sensitive variable, sampling weight, household identifier or other), with a
 * one-sentence reason a non-expert can check.
 *
 * Direct identifiers are recognised from the CONTENT of the column, by the
 * recognisers of `./recognisers/`: the share of its non-blank values that pass
 * a kind's rules (format and, where there is one, check digit). One passing
 * value never decides: about one random 10-digit code in eleven passes the NHS
 * check digit by chance. The header lowers the share needed (a column called
 * `nhs_number` with a few typing errors is still NHS numbers) but never
 * replaces the evidence of the values. Other roles come from header-name hints.
 *
 * Pure: imports only other engine modules; linear in the number of values.
 */
import type { ColumnKind, RoleSuggestion } from '../table/roles.ts';
import {
  dateOfBirth,
  header,
  isDirectRecogniser,
  RECOGNISERS,
  SHARE_REQUIRED,
  SHARE_REQUIRED_WITH_HINT,
  type ColumnSample,
  type DirectRecogniser,
} from './recognisers/index.ts';
import { ID_WORDS } from './recognisers/header.ts';
import { fmt, ofValues, pct } from './recognisers/recogniser.ts';
import { hintsBodyWeight, hintsHousehold, hintsPersonalReference, hintsWeight, keyHint, sensitiveHint } from './recognisers/role-hints.ts';
import { isMissingMarker, normaliseSpaces } from './validators.ts';

export { SHARE_REQUIRED, SHARE_REQUIRED_WITH_HINT };
export { headerTokens } from './recognisers/header.ts';

/** What `columnRole` needs to know about one column. */
export interface ColumnRoleInput {
  /** The column header. */
  name: string;
  /** Inferred storage kind. */
  kind: ColumnKind;
  /** The column's raw cell texts as read from the file (null = missing), possibly a sample of at most ~5,000 rows. */
  values: readonly (string | null)[];
  /** Total number of rows in the dataset. */
  rows: number;
  /** Number of distinct non-missing values in the whole column. */
  distinct: number;
}

/** Fewest distinct values for "few different values" (category codes). */
const FEW_VALUES = 20;

/** Recognisers of direct identifiers judged by the share of passing values alone, together. */
const BY_SHARE: readonly DirectRecogniser[] = RECOGNISERS.filter(isDirectRecogniser).filter((r) => r.judgeColumn === undefined);
/** Recognisers of direct identifiers with their own column rule, tried in turn. */
const BY_RULE: readonly DirectRecogniser[] = RECOGNISERS.filter(isDirectRecogniser).filter((r) => r.judgeColumn !== undefined);
/** Recognisers of key variables (postcode districts), judged by the share of passing values. */
const KEYS = RECOGNISERS.filter((r) => r.role === 'key');

function direct(r: DirectRecogniser, reason: string): RoleSuggestion {
  return { role: 'direct', identifier: r.id, reason };
}

/**
 * The kind most of the values pass, when the share reaches 80% (50% when the
 * header names the kind); else a column mixing such kinds (a contact column of
 * e-mails and phone numbers).
 */
function judgeByShare(s: ColumnSample): RoleSuggestion | null {
  const n = s.values.length;
  const counts = BY_SHARE.map(() => 0);
  let anyCount = 0;
  for (const v of s.values) {
    let any = false;
    for (let k = 0; k < BY_SHARE.length; k++) {
      if (BY_SHARE[k]?.test(v) === true) {
        counts[k] = (counts[k] ?? 0) + 1;
        any = true;
      }
    }
    if (any) anyCount++;
  }
  let best: DirectRecogniser | undefined;
  let bestShare = 0;
  let bestHinted = false;
  for (let k = 0; k < BY_SHARE.length; k++) {
    const r = BY_SHARE[k];
    if (r === undefined) continue;
    const share = (counts[k] ?? 0) / n;
    const hinted = r.headerHint(s.header);
    if (share >= (hinted ? SHARE_REQUIRED_WITH_HINT : SHARE_REQUIRED) && share > bestShare) {
      best = r;
      bestShare = share;
      bestHinted = hinted;
    }
  }
  if (best !== undefined) {
    const named = bestHinted && bestShare < SHARE_REQUIRED ? 'The name suggests it and ' : '';
    const sentence = `${named}${pct(bestShare)} of ${ofValues(s)} ${best.described}.`;
    return direct(best, sentence.charAt(0).toUpperCase() + sentence.slice(1));
  }
  const anyShare = anyCount / n;
  if (anyShare >= SHARE_REQUIRED) {
    const order = BY_SHARE.map((r, i) => ({ r, c: counts[i] ?? 0 }))
      .filter((x) => x.c > 0)
      .sort((a, b) => b.c - a.c);
    const top = order[0];
    if (top !== undefined && top.c / n >= 0.3) {
      const kinds = order
        .slice(0, 3)
        .map((x) => x.r.plural)
        .join(', ');
      return direct(top.r, `${pct(anyShare)} of ${ofValues(s)} are personal contact details (${kinds}).`);
    }
  }
  return null;
}

function wordCount(v: string): number {
  let n = 1;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) === 32) n++;
  return n;
}

/** Free text: most values are sentences of five words or more (not names of things). */
function isFreeText(s: ColumnSample, kind: ColumnKind): boolean {
  if (kind !== 'text' && kind !== 'categorical') return false;
  let long = 0;
  let words = 0;
  for (const v of s.values) {
    const w = wordCount(v);
    if (w >= 5) long++;
    words += w;
  }
  const n = s.values.length;
  return long / n >= 0.5 || words / n >= 6;
}

/** Every value different and short (one token): a key or code, not prose. */
function uniquePerRow(s: ColumnSample, input: ColumnRoleInput): boolean {
  const n = s.values.length;
  if (n < 10) return false;
  const seen = new Set<string>();
  for (const v of s.values) {
    if (v.length > 40 || wordCount(v) > 3) return false;
    seen.add(v);
  }
  if (seen.size !== n) return false;
  // The sample may be part of the column: compare `distinct` with the estimated non-blank count.
  const estimatedPresent = input.values.length === 0 ? 0 : (input.rows * n) / input.values.length;
  return input.distinct >= 0.98 * estimatedPresent;
}

function shareOf(s: ColumnSample, test: (v: string) => boolean): number {
  let ok = 0;
  for (const v of s.values) if (test(v)) ok++;
  return ok / s.values.length;
}

/**
 * Suggests the role of one column, with the reason.
 *
 * Order of the checks:
 * 1. direct identifiers recognised from the values, by the recognisers in
 *    `RECOGNISERS` order: NHS numbers, National Insurance numbers, e-mail
 *    addresses, full UK postcodes, UK phone numbers, street addresses (at
 *    least 80% of the non-blank values pass, or 50% when the header names the
 *    kind), people's names (header hint and 70%, or 90% many-word, many-valued
 *    names without a hint), dates of birth (header says birth/DOB and 70% full
 *    dates, or 90% full dates spread over 20 years or more when the header
 *    names no other event); then personal reference numbers (header like
 *    `patient_id`, `passport` and a different value in every row);
 * 2. key variables recognised from the values: postcode districts and sectors (`LS6`, `SP1 5`);
 * 3. header hints: sampling weight, household identifier, sensitive variable
 *    (income, spending, health ...), key variable (age, sex, region, occupation ...);
 * 4. free text (to review: it may contain personal details), and record keys
 *    that differ in every row (`R100324`: not a direct identifier but not for
 *    release either): role `other`, with advice in the reason;
 * 5. otherwise `other`.
 *
 * Blank cells and markers such as `n/a`, `-` and `refused` are left out of the
 * shares. The function is linear in `values.length` and deterministic.
 */
export function columnRole(input: ColumnRoleInput): RoleSuggestion {
  const h = header(input.name);
  const present: string[] = [];
  for (const v of input.values) {
    if (v === null || isMissingMarker(v)) continue;
    present.push(normaliseSpaces(v));
  }
  const s: ColumnSample = { values: present, sampled: input.rows > input.values.length, header: h };
  const n = present.length;

  let note: string | null = null;
  if (n > 0 && input.kind !== 'boolean') {
    const byShare = judgeByShare(s);
    if (byShare) return byShare;
    for (const r of BY_RULE) {
      const verdict = r.judgeColumn?.(s) ?? null;
      if (verdict?.kind === 'found') return direct(r, verdict.reason);
      if (verdict?.kind === 'note') note ??= verdict.note;
    }
    if (uniquePerRow(s, input) && hintsPersonalReference(h)) {
      return {
        role: 'direct',
        identifier: 'unique-id',
        reason: `The name suggests a personal reference number (such as a patient, customer or passport number) and each of the ${ofValues(s)} is different.`,
      };
    }
    for (const r of KEYS) {
      const share = shareOf(s, r.test);
      if (share >= SHARE_REQUIRED) return { role: 'key', reason: `${pct(share)} of ${ofValues(s)} ${r.described}, so this is a key variable.` };
    }
  }

  const numeric = input.kind === 'integer' || input.kind === 'decimal';
  if (hintsWeight(h)) {
    if (hintsBodyWeight(h)) {
      return { role: 'sensitive', reason: 'The name suggests a body weight, which is health information.' };
    }
    if (numeric || n === 0) return { role: 'weight', reason: 'The name suggests a sampling weight.' };
  }
  if (hintsHousehold(h)) {
    return { role: 'household', reason: 'The name suggests a household identifier, which groups people who live together.' };
  }
  const sensitive = sensitiveHint(h);
  if (sensitive) {
    return { role: 'sensitive', reason: `The name suggests confidential information about ${sensitive.what}.` };
  }
  if (dateOfBirth.headerHint(h) && n > 0) {
    return {
      role: 'key',
      reason: 'The name suggests birth dates but few values are full dates, so this is treated as a key variable such as a year of birth.',
    };
  }
  const key = keyHint(h);
  if (key) {
    return {
      role: 'key',
      reason: `The name suggests ${key.what}, which others may know or look up, so it is a key variable for re-identification risk.`,
    };
  }

  if (n === 0) return { role: 'other', reason: 'Every value is blank, so there is nothing to judge the column by.' };
  if (note !== null) return { role: 'other', reason: note };
  if (isFreeText(s, input.kind)) {
    return {
      role: 'other',
      reason: 'This is free text written by people, which can contain names, phone numbers or addresses, so read it or leave it out before sharing.',
    };
  }
  if (uniquePerRow(s, input) && (!numeric || h.has(...ID_WORDS, 'serial', 'case', 'resp', 'respondent', 'record', 'row'))) {
    return {
      role: 'other',
      reason: `Each of the ${ofValues(s)} is different, so this looks like a record key or code: not a direct identifier by itself, but drop it or replace it with new keys before sharing.`,
    };
  }
  if ((input.kind === 'categorical' || input.kind === 'integer' || input.kind === 'boolean') && input.distinct <= FEW_VALUES) {
    return {
      role: 'other',
      reason: `The name gives no hint and there ${input.distinct === 1 ? 'is only 1 different value' : `are only ${fmt(input.distinct)} different values`}, so choose the role yourself.`,
    };
  }
  return { role: 'other', reason: 'Nothing in the name or the values points to a particular role, so choose it yourself if needed.' };
}
