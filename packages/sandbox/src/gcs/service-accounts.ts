import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { projectNumber } from './resources';

/** A service-account key file, as `gcloud iam service-accounts keys create` writes it. */
export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  universe_domain: string;
}

export interface ServiceAccount {
  project: string;
  email: string;
  keyId: string;
  publicKey: KeyObject;
  key: ServiceAccountKey;
}

/**
 * One generated service account per sandbox project. Keys are fresh per start (RSA-2048), so
 * a key file from an earlier run stops working, as a deleted key would. Lookup is by key id
 * (the JWT `kid`) or by e-mail (signed URLs name only the e-mail).
 */
export class ServiceAccounts {
  private readonly byKeyId = new Map<string, ServiceAccount>();
  private readonly byEmail = new Map<string, ServiceAccount>();

  constructor(projects: readonly string[], tokenUri: string) {
    for (const project of projects) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const keyId = randomBytes(20).toString('hex');
      const email = `ccx-sandbox@${project}.iam.gserviceaccount.com`;
      const account: ServiceAccount = {
        project,
        email,
        keyId,
        publicKey: createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })),
        key: {
          type: 'service_account',
          project_id: project,
          private_key_id: keyId,
          private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          client_email: email,
          client_id: projectNumber(`${project}/sa`),
          auth_uri: 'https://accounts.google.com/o/oauth2/auth',
          token_uri: tokenUri,
          universe_domain: 'googleapis.com',
        },
      };
      this.byKeyId.set(keyId, account);
      this.byEmail.set(email, account);
    }
  }

  list(): ServiceAccount[] {
    return [...this.byEmail.values()];
  }

  byKey(keyId: string): ServiceAccount | undefined {
    return this.byKeyId.get(keyId);
  }

  email(email: string): ServiceAccount | undefined {
    return this.byEmail.get(email);
  }
}
