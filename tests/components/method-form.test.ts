/**
 * The generic form, mounted in a simulated DOM: every kind of parameter gets a
 * control, defaults and role preferences fill it, conditions show and hide it, and
 * what the user enters reaches `onsubmit` as the parameter values the engine expects.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import MethodForm from '../../src/app/components/MethodForm.svelte';
import type { ColumnSummary, MethodInfo, ParamInfo } from '../../workers/protocol.ts';

const column = (name: string, kind: ColumnSummary['kind'], role: ColumnSummary['role']): ColumnSummary => ({
  name,
  kind,
  role,
  suggestedRole: role,
  reason: '',
  identifier: null,
  label: null,
  valueLabels: null,
  order: null,
  missingCodes: null,
  suppressed: 0,
  changed: 0,
});
const COLUMNS = [
  column('age', 'integer', 'key'),
  column('sex', 'categorical', 'key'),
  column('income', 'decimal', 'sensitive'),
  column('town', 'text', 'other'),
];

const param = (p: Partial<ParamInfo> & Pick<ParamInfo, 'name' | 'type'>): ParamInfo => ({
  label: p.name,
  description: `About ${p.name}.`,
  required: true,
  ...p,
});
const METHOD: MethodInfo = {
  kind: 'step',
  id: 'every-kind',
  title: 'Every kind',
  description: '',
  source: '',
  stage: 'protect',
  params: [
    param({ name: 'column', type: 'column', kinds: ['integer', 'decimal'], roles: ['sensitive'] }),
    param({ name: 'keys', type: 'columns', roles: ['key'] }),
    param({ name: 'importance', type: 'ordered-columns', roles: ['key'] }),
    param({ name: 'k', type: 'integer', min: 1, max: 100, default: 3, required: false }),
    param({ name: 'rate', type: 'number', required: false }),
    param({ name: 'strict', type: 'boolean', default: false, required: false }),
    param({
      name: 'mode',
      type: 'choice',
      choices: [
        { value: 'a', label: 'Mode A' },
        { value: 'b', label: 'Mode B' },
      ],
      default: 'a',
      required: false,
    }),
    param({ name: 'note', type: 'text', required: false, when: { param: 'mode', values: ['b'] } }),
    param({ name: 'asOf', type: 'date', required: false }),
    param({ name: 'breaks', type: 'numbers', required: false }),
    param({ name: 'labels', type: 'texts', required: false }),
    param({ name: 'regroup', type: 'mapping', required: false, minItems: 1 }),
    param({ name: 'transitions', type: 'matrix', required: false, stochastic: true }),
    param({ name: 'hierarchy', type: 'table', required: false }),
  ],
};

// happy-dom does not match ':checked' on <option>, which Svelte's select binding reads: answer it from `selected`.
const querySelector = HTMLSelectElement.prototype.querySelector;
HTMLSelectElement.prototype.querySelector = function (this: HTMLSelectElement, selector: string) {
  if (selector === ':checked') return (this.options[this.selectedIndex] as Element | undefined) ?? null;
  return querySelector.call(this, selector);
} as typeof querySelector;

let mounted: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  document.body.innerHTML = '';
});

function render(method: MethodInfo = METHOD) {
  const sent: Record<string, unknown>[] = [];
  mounted = mount(MethodForm, {
    target: document.body,
    props: { method, columns: COLUMNS, submitLabel: 'Apply', onsubmit: (p: Record<string, unknown>) => void sent.push(p) },
  });
  flushSync();
  const byLabel = (text: string): HTMLInputElement => {
    const label = [...document.querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith(text));
    if (!label) throw new Error(`no label "${text}"`);
    return document.getElementById(label.htmlFor) as HTMLInputElement;
  };
  const set = (el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string) => {
    el.value = value;
    el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    flushSync();
  };
  const submit = () => {
    document.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    flushSync();
    return sent.at(-1)!;
  };
  const legend = (text: string) => [...document.querySelectorAll('fieldset')].find((f) => f.querySelector('legend')!.textContent!.startsWith(text))!;
  return { byLabel, set, submit, legend };
}

describe('MethodForm', () => {
  it('sends the defaults and the role preferences when nothing is touched, leaving out what is empty', () => {
    const { submit } = render();
    expect(submit()).toEqual({ column: 'income', keys: ['age', 'sex'], importance: ['age', 'sex'], k: 3, strict: false, mode: 'a' });
  });

  it('offers only the columns of the kinds a parameter accepts', () => {
    const { byLabel } = render();
    const options = [...(byLabel('column') as unknown as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['', 'age', 'income']);
  });

  it('turns what is typed into numbers, lists, mappings, matrices and tables', () => {
    const { byLabel, set, submit, legend } = render();
    set(byLabel('rate'), '0.25');
    set(byLabel('breaks'), '0, 18, 65.5');
    set(byLabel('labels'), 'young, adult');
    set(byLabel('asOf'), '2026-11-25');
    const mapping = legend('regroup');
    const [from, to] = [...mapping.querySelectorAll('input')] as HTMLInputElement[];
    set(from!, 'Leeds');
    set(to!, 'Yorkshire');
    const matrix = [...legend('transitions').querySelectorAll('input.cell-input')] as HTMLInputElement[];
    expect(matrix).toHaveLength(4);
    set(matrix[0]!, '0.8');
    set(matrix[1]!, '0.2');
    set(byLabel('hierarchy') as unknown as HTMLInputElement, '18, 18-19, adult\n19, 18-19, adult');
    expect(submit()).toMatchObject({
      rate: 0.25,
      breaks: [0, 18, 65.5],
      labels: ['young', 'adult'],
      asOf: '2026-11-25',
      regroup: { Leeds: 'Yorkshire' },
      transitions: [
        [0.8, 0.2],
        [0, 1],
      ],
      hierarchy: [
        ['18', '18-19', 'adult'],
        ['19', '18-19', 'adult'],
      ],
    });
  });

  it('keeps what is not a number as typed, for the engine to name', () => {
    const { byLabel, set, submit } = render();
    set(byLabel('breaks'), '0, ten');
    expect(submit().breaks).toEqual([0, 'ten']);
  });

  it('shows a parameter only while its condition holds, and sends it only then', () => {
    const { byLabel, set, submit } = render();
    expect(() => byLabel('note')).toThrow();
    set(byLabel('mode') as unknown as HTMLInputElement, 'b');
    set(byLabel('note'), 'hello');
    expect(submit()).toMatchObject({ mode: 'b', note: 'hello' });
    set(byLabel('mode') as unknown as HTMLInputElement, 'a');
    expect(submit()).not.toHaveProperty('note');
  });

  it('orders the chosen columns with Up and Down, and resizes a matrix', () => {
    const { submit, legend } = render();
    const order = legend('importance');
    (order.querySelector('button[aria-label="Move sex up"]') as HTMLButtonElement).click();
    flushSync();
    expect(submit().importance).toEqual(['sex', 'age']);
    const size = legend('transitions').querySelector('input[type="number"]') as HTMLInputElement;
    size.value = '3';
    size.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(submit().transitions).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('labels every control, and marks optional only what has no default', () => {
    render();
    for (const el of document.querySelectorAll('input, select, textarea')) {
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
      expect(labelled !== null || el.closest('label') !== null || el.getAttribute('aria-label') !== null, el.outerHTML).toBe(true);
    }
    const text = document.body.textContent!;
    expect(text).toContain('rate (optional)');
    expect(text).not.toContain('k (optional)');
  });
});
