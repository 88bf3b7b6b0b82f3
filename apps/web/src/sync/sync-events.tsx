import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useReducer, useState } from 'react';
import type { ReactNode } from 'react';
import { syncEventsUrl } from '../api/sync';
import { useApiClient } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { parseSyncEventData } from './parse-event';
import { initialSyncProgress, reduceSyncEvent } from './progress';
import type { SyncProgress } from './progress';

/** `closed`: the server refused the stream (signed out, no route); the browser gives up. */
export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

interface SyncEventsValue {
  progress: SyncProgress;
  stream: StreamState;
  /** Last malformed event, shown rather than dropped. */
  streamError: string | null;
}

const SyncEventsContext = createContext<SyncEventsValue>({
  progress: initialSyncProgress,
  stream: 'connecting',
  streamError: null,
});

const EVENT_TYPES = [
  'run.started',
  'job.started',
  'job.progress',
  'job.retry',
  'job.completed',
  'job.failed',
  'run.completed',
];

/**
 * One EventSource per signed-in page. The browser reconnects on its own after a drop; the
 * panel shows that state. When a run completes every inventory-shaped query is invalidated,
 * so open tables refetch instead of showing the previous listing.
 */
export function SyncEventsProvider({ children }: { children: ReactNode }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [progress, dispatch] = useReducer(reduceSyncEvent, initialSyncProgress);
  const [stream, setStream] = useState<StreamState>('connecting');
  const [streamError, setStreamError] = useState<string | null>(null);

  useEffect(() => {
    const source = new EventSource(syncEventsUrl(client), { withCredentials: true });
    const onMessage = (message: MessageEvent<string>) => {
      let event;
      try {
        event = parseSyncEventData(message.data);
      } catch (error) {
        setStreamError(error instanceof Error ? error.message : String(error));
        return;
      }
      if (!event) return;
      dispatch(event);
      if (event.type === 'run.started' || event.type === 'run.completed') {
        void queryClient.invalidateQueries({ queryKey: queryKeys.syncRuns });
        void queryClient.invalidateQueries({ queryKey: queryKeys.status });
      }
      if (event.type === 'run.completed') {
        void queryClient.invalidateQueries({ queryKey: queryKeys.resources });
      }
    };
    // The server ends the stream when the session or token behind it stops holding; reconnecting
    // would only be refused, so stop, and let the session query find out the user signed out.
    source.addEventListener('auth.ended', () => {
      source.close();
      setStream('closed');
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    });
    source.onopen = () => setStream('open');
    source.onerror = () =>
      setStream(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    // Unnamed events arrive as `message`; named ones (`event: run.started`) only under their name.
    source.addEventListener('message', onMessage);
    for (const type of EVENT_TYPES) source.addEventListener(type, onMessage);
    return () => source.close();
  }, [client, queryClient]);

  return (
    <SyncEventsContext.Provider value={{ progress, stream, streamError }}>
      {children}
    </SyncEventsContext.Provider>
  );
}

export function useSyncEvents(): SyncEventsValue {
  return useContext(SyncEventsContext);
}
