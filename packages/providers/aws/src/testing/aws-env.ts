import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every variable the SDK's credential chain reads, so a test starts from none of the host's. */
const CREDENTIAL_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_EC2_METADATA_DISABLED',
] as const;

/**
 * Sets the given variables (undefined removes one) after clearing every credential variable,
 * and returns a function that restores the environment exactly. Instance metadata is disabled
 * so a chain that finds nothing fails at once instead of probing 169.254.169.254.
 */
export function useAwsEnv(vars: Record<string, string | undefined>): () => void {
  const saved = new Map(CREDENTIAL_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of Object.keys(vars))
    if (!saved.has(name as never)) saved.set(name as never, process.env[name]);
  for (const name of CREDENTIAL_VARIABLES) delete process.env[name];
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * Writes an AWS `config` and `credentials` file pair into a fresh folder. A fresh path per
 * call matters: the SDK caches shared files by path for the life of the process.
 */
export function writeAwsFiles(
  config: string,
  credentials: string,
): {
  configFile: string;
  credentialsFile: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-aws-profiles-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, config);
  writeFileSync(credentialsFile, credentials);
  return { configFile, credentialsFile };
}
