import { z } from 'zod';

const projectId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'expected a GCP project id (6–30 of a-z, 0-9, -)');

/** A service-account key file's content; other fields of the file are kept as they are. */
export const serviceAccountKeySchema = z.looseObject({
  type: z.literal('service_account'),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  private_key_id: z.string().min(1).optional(),
  project_id: z.string().min(1).optional(),
});
export type ServiceAccountKeyJson = z.infer<typeof serviceAccountKeySchema>;

/** A project, optionally with its own credentials (a service account per project is common). */
const projectSchema = z.union([
  projectId,
  z
    .object({
      id: projectId,
      credentials: serviceAccountKeySchema.optional(),
      keyFile: z.string().min(1).optional(),
    })
    .strict(),
]);

/**
 * One `provider: gcp` connection of `ccx.yaml`. Credentials, in order: a project's own
 * `credentials`/`keyFile`, the connection's, else Application Default Credentials.
 * `apiEndpoint` sends Cloud Storage to another URL (the sandbox, a private endpoint).
 */
export const gcpConfigSchema = z
  .object({
    projects: z.array(projectSchema).min(1),
    credentials: serviceAccountKeySchema.optional(),
    keyFile: z.string().min(1).optional(),
    apiEndpoint: z.url().optional(),
    /** Retries per request after the first try, on 408/429/5xx, with exponential backoff. */
    maxRetries: z.number().int().min(0).max(10).default(3),
    sandbox: z.boolean().default(false),
  })
  .strict()
  .refine((config) => !(config.credentials && config.keyFile), {
    message: 'set either credentials or keyFile, not both',
    path: ['credentials'],
  });

export type GcpConfig = z.infer<typeof gcpConfigSchema>;
export type GcpConfigInput = z.input<typeof gcpConfigSchema>;

export interface GcpProject {
  id: string;
  credentials?: ServiceAccountKeyJson;
  keyFile?: string;
}

export function projectsOf(config: GcpConfig): GcpProject[] {
  return config.projects.map((project) => {
    const entry = typeof project === 'string' ? { id: project } : project;
    const credentials = entry.credentials ?? (entry.keyFile ? undefined : config.credentials);
    const keyFile = entry.keyFile ?? (entry.credentials ? undefined : config.keyFile);
    return {
      id: entry.id,
      ...(credentials ? { credentials } : {}),
      ...(keyFile ? { keyFile } : {}),
    };
  });
}
