/**
 * Keyword prefilter: an Aho-Corasick automaton over ASCII keywords, matched case-insensitively
 * in one pass over the text. A rule runs only when one of its keywords occurs, which is what makes
 * two hundred rules affordable: on ordinary text a handful of rules run, not all of them.
 *
 * The automaton is a dense transition table over 128 ASCII codes, upper-case letters sharing the
 * transitions of their lower-case ones (so the hot loop folds no case); any code unit above 127
 * resets to the root, which is exact because keywords are ASCII. A byte per state says whether
 * any keyword ends there, so the loop reads one typed array per character in the common case.
 */
const ALPHABET = 128;

export class KeywordIndex {
  private readonly next: Int32Array;
  /** For each state, the groups (rule indices) whose keyword ends here, via failure links too. */
  private readonly outputs: (readonly number[])[];
  private readonly accepting: Uint8Array;
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
    this.next = next;
    this.outputs = out.map((set) => [...set]);
    this.accepting = Uint8Array.from(out, (set) => (set.size > 0 ? 1 : 0));
  }

  /**
   * Calls `onHit(group, end)` for every keyword occurrence, `end` being the offset just past it.
   * Occurrences of the same keyword that overlap are each reported.
   */
  forEachHit(text: string, onHit: (group: number, end: number) => void): void {
    const next = this.next;
    const accepting = this.accepting;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code >= ALPHABET) {
        state = 0;
        continue;
      }
      state = next[(state << 7) | code]!;
      if (accepting[state] === 1) for (const g of this.outputs[state]!) onHit(g, i + 1);
    }
  }
}
