import { SingleBar } from 'cli-progress';
import type { OutputStream } from '../context';

/** Progress of one transfer in bytes. */
export interface ByteProgress {
  update(bytes: number): void;
  stop(): void;
}

/**
 * A bar of bytes on a terminal (the sync's bar style), and nothing otherwise: redrawn bars in
 * a log or a pipe are noise, and the result line says what happened.
 */
export function showByteProgress(
  stream: OutputStream,
  label: string,
  total: number | null,
): ByteProgress {
  if (stream.isTTY !== true) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream,
    format:
      total === null
        ? `${label} | {value} bytes`
        : `${label} |{bar}| {percentage}% | {value}/{total} bytes`,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total ?? 0, 0);
  let stopped = false;
  return {
    update: (bytes) => bar.update(bytes),
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
