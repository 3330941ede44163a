/**
 * The engine's one source of random numbers: a seeded, counter-free PRNG
 * (sfc32 seeded through splitmix32), identical in every JavaScript runtime.
 * `Math.random` never appears in the engine; every random method takes a
 * `Random` from its RunContext so that the same recipe and seed give the same bytes.
 */
export interface Random {
  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** An unsigned 32-bit integer. */
  nextUint32(): number;
  /** An integer in [0, n). */
  nextInt(n: number): number;
  /** A fresh, independent stream derived from this one and a label. */
  fork(label: string): Random;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Create a seeded random stream. `seed` is any integer; only its low 32 bits are used. */
export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextUint32();
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    nextInt: (n) => Math.floor((nextUint32() / 4294967296) * n),
    fork: (label) => createRandom((nextUint32() ^ hashLabel(label)) >>> 0),
  };
}
