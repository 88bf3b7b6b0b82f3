import { describe, expect, it } from 'vitest';
import type { ActionProgress } from '../capabilities/compute';
import { reportProgress } from './progress';

describe('reportProgress', () => {
  it('hands the listener the step, the state, a timestamp and the message when there is one', () => {
    const seen: ActionProgress[] = [];
    reportProgress(
      { onProgress: (p) => seen.push(p) },
      'modifying',
      'stopped',
      'm5.large → m5.xlarge',
    );
    reportProgress({ onProgress: (p) => seen.push(p) }, 'running', 'running');
    expect(seen.map(({ at: _at, ...rest }) => rest)).toEqual([
      { step: 'modifying', state: 'stopped', message: 'm5.large → m5.xlarge' },
      { step: 'running', state: 'running' },
    ]);
    expect(Number.isNaN(Date.parse(seen[0]!.at))).toBe(false);
  });

  it('keeps a throwing listener from stopping the action that reports to it', () => {
    const throwing = {
      onProgress: () => {
        throw new Error('display gone');
      },
    };
    expect(() => reportProgress(throwing, 'stopping', 'stopping')).not.toThrow();
    expect(() => reportProgress(undefined, 'stopping', 'stopping')).not.toThrow();
  });
});
