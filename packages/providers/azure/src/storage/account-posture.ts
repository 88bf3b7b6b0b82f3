import type { BlobServiceClient } from '@azure/storage-blob';
import { fromAzureError } from '../errors';
import type { AccountPosture } from './map-container';

/**
 * Account-wide settings read once per listing. Classic analytics logging is the only posture
 * setting the data plane shows; a principal without account-level rights gets null (unknown).
 */
export async function accountPosture(
  service: BlobServiceClient,
  signal?: AbortSignal,
): Promise<AccountPosture> {
  try {
    const properties = await service.getProperties({ abortSignal: signal });
    const logging = properties.blobAnalyticsLogging;
    if (!logging) return { logging: null };
    const enabled = logging.read || logging.write || logging.deleteProperty;
    return { logging: { enabled, target: enabled ? '$logs' : null } };
  } catch (error) {
    const mapped = fromAzureError(error, 'Reading blob service properties');
    if (mapped.code === 'forbidden') return { logging: null };
    throw mapped;
  }
}
