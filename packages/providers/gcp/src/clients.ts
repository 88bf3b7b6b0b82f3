import { Storage } from '@google-cloud/storage';
import { CcxError } from '@ccx/core';
import type { GcpConfig, GcpProject } from './config';

/**
 * One Storage client per project, built lazily and without a network call. A custom
 * `apiEndpoint` still authenticates (`useAuthWithCustomEndpoint`), and with self-signed JWTs:
 * google-auth-library 9 always exchanges service-account assertions at Google's own token
 * URL, which a private endpoint or the sandbox cannot count on reaching.
 */
export class StorageClients {
  private readonly clients = new Map<string, Storage>();
  private readonly projects: Map<string, GcpProject>;

  constructor(
    private readonly config: GcpConfig,
    projects: GcpProject[],
  ) {
    this.projects = new Map(projects.map((project) => [project.id, project]));
  }

  ids(): string[] {
    return [...this.projects.keys()];
  }

  forProject(id: string): Storage {
    const existing = this.clients.get(id);
    if (existing) return existing;
    const project = this.projects.get(id);
    if (!project)
      throw new CcxError('not_found', `Project ${id} is not configured on this connection`);
    const storage = new Storage({
      projectId: id,
      ...(project.credentials ? { credentials: project.credentials } : {}),
      ...(project.keyFile ? { keyFilename: project.keyFile } : {}),
      ...(this.config.apiEndpoint
        ? { apiEndpoint: this.config.apiEndpoint, useAuthWithCustomEndpoint: true }
        : {}),
      retryOptions: { autoRetry: this.config.maxRetries > 0, maxRetries: this.config.maxRetries },
    });
    if (this.config.apiEndpoint) storage.authClient.useJWTAccessWithScope = true;
    this.clients.set(id, storage);
    return storage;
  }
}
