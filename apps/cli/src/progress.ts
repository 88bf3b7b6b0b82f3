import { SingleBar } from 'cli-progress';
import type { SyncEvent, SyncService } from '@ccx/sync';
import type { OutputStream } from './context';

/**
 * Shows a sync's progress on `stream` (stderr): one bar of jobs on a terminal, plain lines
 * otherwise (CI logs, pipes), where a redrawn bar would be noise. Returns the unsubscribe.
 */
export function showSyncProgress(sync: SyncService, stream: OutputStream): () => void {
  const render = stream.isTTY ? barRenderer(stream) : lineRenderer(stream);
  const unsubscribe = sync.subscribe((event) => render.onEvent(event));
  return () => {
    unsubscribe();
    render.stop();
  };
}

interface Renderer {
  onEvent(event: SyncEvent): void;
  stop(): void;
}

function barRenderer(stream: OutputStream): Renderer {
  const bar = new SingleBar({
    stream,
    format: 'Syncing |{bar}| {value}/{total} jobs | {listed} resources | {failed} failed',
    hideCursor: true,
    clearOnComplete: false,
  });
  let listed = 0;
  let failed = 0;
  let running = false;
  return {
    onEvent(event) {
      switch (event.type) {
        case 'run.started':
          running = true;
          bar.start(event.jobs, 0, { listed, failed });
          break;
        case 'job.completed':
          listed += event.listed;
          bar.increment(1, { listed, failed });
          break;
        case 'job.failed':
          failed += 1;
          bar.increment(1, { listed, failed });
          break;
        case 'run.completed':
          if (running) bar.stop();
          running = false;
          break;
        case 'job.started':
        case 'job.progress':
        case 'job.retry':
          break;
      }
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

function lineRenderer(stream: OutputStream): Renderer {
  const write = (line: string) => stream.write(`${line}\n`);
  return {
    onEvent(event) {
      switch (event.type) {
        case 'run.started':
          write(`sync ${event.runId}: ${event.jobs} jobs`);
          break;
        case 'job.completed':
          write(`  ok     ${event.scope} ${event.resourceType}: ${event.listed} listed`);
          break;
        case 'job.failed':
          write(`  failed ${event.scope} ${event.resourceType}: ${event.error}`);
          break;
        case 'job.retry':
          write(
            `  retry  ${event.jobId} (attempt ${event.attempt}, in ${event.delayMs} ms): ${event.error}`,
          );
          break;
        case 'run.completed':
          write(`sync ${event.runId}: ${event.summary.status} in ${event.summary.durationMs} ms`);
          break;
        case 'job.started':
        case 'job.progress':
          break;
      }
    },
    stop() {},
  };
}
