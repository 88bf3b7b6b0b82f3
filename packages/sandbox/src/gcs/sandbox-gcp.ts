import type { ServiceAccountKey } from './service-accounts';

/** What a GCP connection needs to reach the sandbox's GCS: its endpoint and a key per project. */
export interface SandboxGcp {
  /** `apiEndpoint` for @google-cloud/storage. */
  url: string;
  projects: { id: string; credentials: ServiceAccountKey }[];
}
