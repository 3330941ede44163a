import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../../src/engine/context.ts';
import { readDelimited } from '../../../src/engine/io/read-delimited.ts';
import { cellFormatter } from '../../../src/engine/table/cells.ts';
const enc = new TextEncoder();
describe('smoke', () => {
  it('reads', async () => {
    const r = await readDelimited([{ name: 'a.csv', bytes: enc.encode('a,b,c,d\n1,x,2024-01-02,true\n2.5,"y\nz",2024-02-03,false\nNA,,,\n') }], {}, createRunContext());
    console.log(r.files, r.dataset.columns);
    for (let j = 0; j < 4; j++) { const f = cellFormatter(r.dataset.table.getChildAt(j)!.data[0]!); console.log([0,1,2].map(f)); }
    expect(r.dataset.table.numRows).toBe(3);
  });
});
