import { describe, expect, it } from 'vitest';
import { parseSyncEventData } from './parse-event';

describe('parseSyncEventData', () => {
  it('parses a documented event', () => {
    expect(
      parseSyncEventData('{"type":"job.progress","runId":"r","jobId":"j","listed":4}'),
    ).toEqual({
      type: 'job.progress',
      runId: 'r',
      jobId: 'j',
      listed: 4,
    });
  });

  it('ignores event types this client does not know', () => {
    expect(parseSyncEventData('{"type":"run.paused","runId":"r"}')).toBeNull();
  });

  it('throws on a known type with the wrong shape, and on broken JSON', () => {
    expect(() => parseSyncEventData('{"type":"job.progress","runId":"r"}')).toThrow(
      /Malformed sync event/,
    );
    expect(() => parseSyncEventData('{not json')).toThrow(SyntaxError);
  });
});
