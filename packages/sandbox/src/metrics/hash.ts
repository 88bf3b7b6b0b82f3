/**
 * Stateless noise for the metric model: a uniform number in [0, 1) from (key hash, stream,
 * index). Being a pure function of its inputs — not a PRNG stepped in order — any point of any
 * series can be computed on its own, in any order, and always comes out the same.
 */
export function unit(hash: number, stream: number, index: number): number {
  let h = hash ^ Math.imul(stream, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h ^= Math.imul(index | 0, 0xcc9e2d51);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4_294_967_296;
}

/** FNV-1a of a string mixed with a seed: the starting point of every draw for one resource. */
export function keyHash(key: string, seed: number): number {
  let h = 0x811c9dc5 ^ Math.imul(seed | 0, 0x01000193);
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
