import { describe, expect, it } from 'vitest';
import { foldSteps } from './steps';

describe('operation steps', () => {
  it('folds repeated polls into one line with a count, keeping order and distinct states', () => {
    const at = (second: number) => `2026-11-25T10:00:0${second}Z`;
    const shown = foldSteps([
      { step: 'stopping', state: 'stopping', at: at(0) },
      { step: 'polling', state: 'stopping', at: at(1) },
      { step: 'polling', state: 'stopping', at: at(2), message: 'attempt 2' },
      { step: 'polling', state: 'stopped', at: at(3) },
      { step: 'stopping', state: 'stopping', at: at(4) },
    ]);
    expect(shown.map((s) => [s.step, s.state, s.repeats, s.at])).toEqual([
      ['stopping', 'stopping', 1, at(0)],
      ['polling', 'stopping', 2, at(1)],
      ['polling', 'stopped', 1, at(3)],
      ['stopping', 'stopping', 1, at(4)],
    ]);
    expect(shown[1]?.message).toBe('attempt 2');
    expect(foldSteps([])).toEqual([]);
  });
});
