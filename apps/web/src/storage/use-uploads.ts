import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { describeError } from '../api/errors';
import type { BucketLocation } from '../api/storage';
import { useApiClient } from '../app/api-context';
import { useRequiredSession } from '../app/session';
import { storageKeys } from './query-keys';
import { uploadObject } from './upload-object';

export interface UploadState {
  id: number;
  key: string;
  sent: number;
  total: number;
  status: 'uploading' | 'done' | 'failed';
  error: string | null;
}

let nextId = 1;

/**
 * Uploads files under a prefix, each with its own progress. Files go one after another:
 * parallel streams would share the same uplink and only make every bar slower. The bucket's
 * listings are refreshed after each file so it appears as soon as it is stored.
 */
export function useUploads(where: BucketLocation) {
  // `where` must be stable across renders (memoised by the page) for `start` to be.
  const client = useApiClient();
  const session = useRequiredSession();
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<UploadState[]>([]);

  const update = (id: number, patch: Partial<UploadState>) =>
    setUploads((list) => list.map((item) => (item.id === id ? { ...item, ...patch } : item)));

  const start = useCallback(
    async (files: readonly File[], prefix: string) => {
      const queued = files.map((file) => ({
        file,
        state: {
          id: nextId++,
          key: `${prefix}${file.name}`,
          sent: 0,
          total: file.size,
          status: 'uploading' as const,
          error: null,
        },
      }));
      setUploads((list) => [...list, ...queued.map((item) => item.state)]);
      for (const { file, state } of queued) {
        try {
          await uploadObject(client, { ...where, key: state.key }, file, {
            csrfToken: session.csrfToken,
            onProgress: (sent, total) => update(state.id, { sent, total }),
          });
          update(state.id, { status: 'done', sent: file.size });
        } catch (error) {
          update(state.id, { status: 'failed', error: describeError(error) });
        }
        await queryClient.invalidateQueries({ queryKey: storageKeys.bucket(where) });
      }
    },
    [client, session.csrfToken, queryClient, where],
  );

  const clearFinished = useCallback(
    () => setUploads((list) => list.filter((item) => item.status === 'uploading')),
    [],
  );
  return { uploads, start, clearFinished };
}
