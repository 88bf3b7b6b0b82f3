/**
 * Keyword prefilter: an Aho-Corasick automaton over ASCII keywords, matched case-insensitively
 * in one pass over the text. A rule runs only when one of its keywords occurs, which is what makes
 * two hundred rules affordable: on ordinary text a handful of rules run, not all of them.
 *
 * The automaton is a dense transition table over 128 ASCII codes, upper-case letters sharing the
 * transitions of their lower-case ones (so the hot loop folds no case); any code unit above 127
 * resets to the root, which is exact because keywords are ASCII. States where a keyword ends are
 * numbered last and the table holds the row offset of the next state, so the loop reads one typed
 * array per character and tells an accepting state by a comparison.
 */
const ROW_SHIFT = 7;
const ALPHABET = 1 << ROW_SHIFT;

export class KeywordIndex {
  /** Row offset (state × 128) of the next state, by row offset of the current one plus code. */
  private readonly next: Int32Array;
  /** For each state, the groups (rule indices) whose keyword ends here, via failure links too. */
  private readonly outputs: (readonly number[])[];
  /** Row offset of the first state where a keyword ends; every later state is one too. */
  private readonly firstAccepting: number;
  readonly groupCount: number;

  /** `keywordsByGroup[g]` are the keywords of group `g`; keywords must be non-empty ASCII. */
  constructor(keywordsByGroup: readonly (readonly string[])[]) {
    this.groupCount = keywordsByGroup.length;
    const goto: Map<number, number>[] = [new Map<number, number>()];
    const out: Set<number>[] = [new Set()];
    keywordsByGroup.forEach((keywords, group) => {
      for (const keyword of keywords) {
        let state = 0;
        for (const ch of keyword.toLowerCase()) {
          const code = ch.charCodeAt(0);
          if (code >= ALPHABET) throw new Error(`keyword is not ASCII: ${keyword}`);
          let to = goto[state]!.get(code);
          if (to === undefined) {
            to = goto.length;
            goto.push(new Map<number, number>());
            out.push(new Set());
            goto[state]!.set(code, to);
          }
          state = to;
        }
        out[state]!.add(group);
      }
    });
    const states = goto.length;
    const next = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const to = goto[0]!.get(c) ?? 0;
      next[c] = to;
      if (to !== 0) queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      for (const g of out[fail[s]!]!) out[s]!.add(g);
      for (let c = 0; c < ALPHABET; c++) {
        const to = goto[s]!.get(c);
        if (to === undefined) {
          next[s * ALPHABET + c] = next[fail[s]! * ALPHABET + c]!;
        } else {
          fail[to] = next[fail[s]! * ALPHABET + c]!;
          next[s * ALPHABET + c] = to;
          queue.push(to);
        }
      }
    }
    for (let s = 0; s < states; s++)
      for (let c = 65; c <= 90; c++) next[s * ALPHABET + c] = next[s * ALPHABET + (c | 0x20)]!;
    // Renumber: the root stays 0, accepting states (never the root: keywords are non-empty) last.
    const order = [...Array(states).keys()].sort(
      (a, b) => Number(out[a]!.size > 0) - Number(out[b]!.size > 0) || a - b,
    );
    const id = new Int32Array(states);
    order.forEach((old, i) => (id[old] = i));
    const rows = new Int32Array(states * ALPHABET);
    for (let s = 0; s < states; s++)
      for (let c = 0; c < ALPHABET; c++)
        rows[id[s]! * ALPHABET + c] = id[next[s * ALPHABET + c]!]! * ALPHABET;
    this.next = rows;
    this.outputs = order.map((old) => [...out[old]!]);
    const firstAccepting = order.findIndex((old) => out[old]!.size > 0);
    this.firstAccepting = (firstAccepting === -1 ? states : firstAccepting) * ALPHABET;
  }

  /**
   * Calls `onHit(group, end)` for every keyword occurrence, `end` being the offset just past it.
   * Occurrences of the same keyword that overlap are each reported.
   */
  forEachHit(text: string, onHit: (group: number, end: number) => void): void {
    const next = this.next;
    const firstAccepting = this.firstAccepting;
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code >= ALPHABET) {
        row = 0;
        continue;
      }
      row = next[row | code]!;
      if (row >= firstAccepting) for (const g of this.outputs[row >> ROW_SHIFT]!) onHit(g, i + 1);
    }
  }
}
