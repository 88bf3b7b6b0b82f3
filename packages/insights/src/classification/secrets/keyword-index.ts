/**
 * Keyword prefilter: an Aho-Corasick automaton over ASCII keywords, matched case-insensitively
 * in one pass over the text. A rule runs only when one of its keywords occurs, which is what makes
 * two hundred rules affordable: on ordinary text a handful of rules run, not all of them.
 *
 * The automaton is a dense transition table over 128 ASCII codes (letters folded to lower case);
 * any code unit above 127 resets to the root, which is exact because keywords are ASCII.
 */
const ALPHABET = 128;

export class KeywordIndex {
  private readonly next: Int32Array;
  /** For each state, the groups (rule indices) whose keyword ends here, via failure links too. */
  private readonly outputs: (readonly number[] | undefined)[];
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
    this.next = next;
    this.outputs = out.map((set) => (set.size > 0 ? [...set] : undefined));
  }

  /**
   * Calls `onHit(group, end)` for every keyword occurrence, `end` being the offset just past it.
   * Occurrences of the same keyword that overlap are each reported.
   */
  forEachHit(text: string, onHit: (group: number, end: number) => void): void {
    const next = this.next;
    const outputs = this.outputs;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code >= ALPHABET) {
        state = 0;
        continue;
      }
      if (code >= 65 && code <= 90) code |= 0x20;
      state = next[state * ALPHABET + code]!;
      const groups = outputs[state];
      if (groups !== undefined) for (const g of groups) onHit(g, i + 1);
    }
  }
}
