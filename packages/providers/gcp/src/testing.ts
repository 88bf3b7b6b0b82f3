import { Storage } from '@google-cloud/storage';
import type { ProviderConnection } from '@ccx/core';
import type { GcpConfigInput } from './config';
import { gcpProvider } from './provider';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** What the sandbox handle's `gcp` member holds: its GCS endpoint and a key per project. */
export interface SandboxGcs {
  url: string;
  projects: {
    id: string;
    credentials: { type: 'service_account'; client_email: string; private_key: string };
  }[];
}

interface WithGcp {
  gcp: SandboxGcs;
}

/** A GCP connection to the sandbox's GCS: every sandbox project, each with its own key. */
export function sandboxConfig(sandbox: WithGcp, maxRetries = 2): GcpConfigInput {
  return {
    projects: sandbox.gcp.projects.map((project) => ({
      id: project.id,
      credentials: { ...project.credentials },
    })),
    apiEndpoint: sandbox.gcp.url,
    maxRetries,
    sandbox: true,
  };
}

export function connectSandbox(
  sandbox: WithGcp,
  name = 'gcp-sandbox',
  maxRetries = 2,
): Promise<ProviderConnection> {
  return gcpProvider.connect(
    name,
    gcpProvider.configSchema.parse(sandboxConfig(sandbox, maxRetries)),
    {
      logger: silent,
    },
  );
}

/** A plain client for test set-up the capability does not cover (creating buckets, IAM). */
export function adminClient(sandbox: WithGcp, projectIndex = 0): Storage {
  const project = sandbox.gcp.projects[projectIndex];
  if (!project) throw new Error('the sandbox has no such project');
  const storage = new Storage({
    apiEndpoint: sandbox.gcp.url,
    projectId: project.id,
    credentials: { ...project.credentials },
    useAuthWithCustomEndpoint: true,
  });
  storage.authClient.useJWTAccessWithScope = true;
  return storage;
}
