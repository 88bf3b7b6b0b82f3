import { Storage } from '@google-cloud/storage';
import type { ServiceAccountKey } from './service-accounts';

/**
 * A real @google-cloud/storage client for the simulator, authenticating for real: the key
 * file's own RSA key signs a self-signed JWT per request (google-auth-library's token
 * exchange always goes to Google's fixed URL, so a custom endpoint needs the self-signed
 * form), and the simulator verifies it.
 */
export function storageClient(
  url: string,
  project: { id: string; credentials: ServiceAccountKey },
  retries = 3,
): Storage {
  const storage = new Storage({
    apiEndpoint: url,
    projectId: project.id,
    credentials: project.credentials,
    useAuthWithCustomEndpoint: true,
    retryOptions: {
      maxRetries: retries,
      retryDelayMultiplier: 1.1,
      totalTimeout: 30,
      maxRetryDelay: 1,
    },
  });
  storage.authClient.useJWTAccessWithScope = true;
  return storage;
}
