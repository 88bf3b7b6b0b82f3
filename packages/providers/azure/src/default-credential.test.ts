import type { TokenCredential } from '@azure/core-auth';
import {
  CcxError,
  COMPUTE_TYPES,
  type ErrorCode,
  type ObjectStorage,
  type ProviderConnection,
  type Resource,
} from '@ccx/core';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import {
  azureCliConnection,
  ensureSandboxTls,
  sandboxAzureAccounts,
  startAzurite,
  startSandbox,
  type AzuriteHandle,
  type SandboxHandle,
} from '@ccx/sandbox';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StorageAccounts } from './accounts';
import { azureConfigSchema } from './config';
import { defaultCredentialOptions } from './default-credential';
import { azureProvider } from './provider';

/** What `EnvironmentCredential` and the rest of the default chain read from the environment. */
const CHAIN_VARIABLES = [
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_AUTHORITY_HOST',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_USERNAME',
  'AZURE_PASSWORD',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_TOKEN_CREDENTIALS',
  'IDENTITY_ENDPOINT',
  'MSI_ENDPOINT',
] as const;

/** An app the sandbox's directory does not hold. */
const OTHER_APP = '0f0f0f0f-1111-4222-8333-444455556666';
/** A tenant the sandbox's Entra does not hold. */
const OTHER_TENANT = '1e1e1e1e-2222-4333-8444-555566667777';
/** A client id for the checks that send nothing. */
const SANDBOX_LIKE_APP = '7a7a7a7a-1111-4222-8333-444455556666';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** What `work` rejected with, or null when it resolved: the test then asserts on the error. */
const failureOf = (work: Promise<unknown>): Promise<unknown> =>
  work.then(
    () => null,
    (error: unknown) => error,
  );

/** `error`, asserted to be a CcxError of `code`, for the assertions on the rest of it. */
function expectCcxError(error: unknown, code: ErrorCode): CcxError {
  expect(error).toBeInstanceOf(CcxError);
  expect((error as CcxError).code).toBe(code);
  return error as CcxError;
}

describe('keyless Azure sign-in on the sandbox', () => {
  let sandbox: SandboxHandle;
  /** Azurite over HTTPS with the sandbox's certificate, taking the sandbox's Entra tokens. */
  let azurite: AzuriteHandle;
  const saved = new Map<string, string | undefined>();
  const logged: string[] = [];
  const logger = {
    debug: (...args: unknown[]) => void logged.push(JSON.stringify(args)),
    info: (...args: unknown[]) => void logged.push(JSON.stringify(args)),
    warn: (...args: unknown[]) => void logged.push(JSON.stringify(args)),
    error: (...args: unknown[]) => void logged.push(JSON.stringify(args)),
  };

  /** Sets the chain's variables for one test; `afterEach` puts the previous values back. */
  const setEnv = (values: Partial<Record<(typeof CHAIN_VARIABLES)[number], string>>) => {
    for (const name of CHAIN_VARIABLES) {
      if (!saved.has(name)) saved.set(name, process.env[name]);
      const value = values[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };

  /** The environment credential's variables for the sandbox's app, as a deployment sets them. */
  const setSandboxEnv = (
    overrides: Partial<Record<(typeof CHAIN_VARIABLES)[number], string>> = {},
  ) => {
    const { tenantId, clientId, clientSecret, authorityHost } = sandbox.azureCompute;
    setEnv({
      AZURE_TENANT_ID: tenantId,
      AZURE_CLIENT_ID: clientId,
      AZURE_CLIENT_SECRET: clientSecret,
      AZURE_AUTHORITY_HOST: authorityHost,
      AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential',
      ...overrides,
    });
  };

  /** How many tokens the sandbox's Entra has issued so far. */
  const tokensIssued = (): number => sandbox.stats().byOperation['entra:token'] ?? 0;

  /** The Azurite account holding the `reports` container. */
  const accountName = (): string => azurite.accounts[0]!.name;

  /** A connection named `name` of `config` as a connection file holds it. */
  const connect = (name: string, config: object): Promise<ProviderConnection> =>
    azureProvider.connect(name, azureConfigSchema.parse(config), {
      logger,
      extraCaPem: sandbox.caPem,
    });

  /** The sandbox's connection, and its compute section with the client secret left out. */
  const sandboxConnection = () => {
    const { name, provider: _provider, ...config } = azureCliConnection(null, sandbox.azureCompute);
    const { clientSecret: _secret, ...compute } = config.compute!;
    return { name, config, compute };
  };

  /** The keyless storage account's settings, tried once. */
  const storageSettings = () => ({
    storageAccounts: [{ name: accountName() }],
    blobEndpoint: `${azurite.blobUrl}/{account}`,
    maxAttempts: 1,
  });

  /** The sandbox's connection with the client secret left out, as a keyless deployment has it. */
  const connectKeyless = (computeChanges: object = {}): Promise<ProviderConnection> => {
    const { name, config, compute } = sandboxConnection();
    return connect(name, { ...config, maxAttempts: 1, compute: { ...compute, ...computeChanges } });
  };

  /** The keyless connection with the Azurite account as its storage. */
  const connectKeylessWithStorage = (): Promise<ProviderConnection> => {
    const { name, config, compute } = sandboxConnection();
    return connect(name, { ...config, compute, ...storageSettings() });
  };

  /** A connection of keyless storage alone, signing in where `signIn` says. */
  const connectStorageOnly = (
    signIn: { authorityHost?: string; tenantId?: string } = {},
  ): Promise<ProviderConnection> => connect('keyless-storage', { ...storageSettings(), ...signIn });

  /** Sets the sandbox app's variables with `overrides`, and what the keyless sign-in failed with. */
  const keylessSignInFailure = async (
    overrides: Partial<Record<(typeof CHAIN_VARIABLES)[number], string>>,
  ): Promise<unknown> => {
    setSandboxEnv(overrides);
    const connection = await connectKeyless();
    return failureOf(connection.scopes());
  };

  /** What listing the Azurite account's containers failed with. */
  const listingFailure = (connection: ProviderConnection): Promise<unknown> =>
    failureOf(collect(connection.storage!.listBuckets(accountName())));

  /** Asserts that `scope` lists the `reports` container and its one blob. */
  const expectReportsListed = async (storage: ObjectStorage, scope: string) => {
    const buckets = await collect(storage.listBuckets(scope));
    expect(buckets.map((bucket) => bucket.bucket)).toEqual(['reports']);
    const keys: string[] = [];
    for await (const page of storage.listObjects(buckets[0]!))
      for (const entry of page.entries) if (entry.kind === 'object') keys.push(entry.key);
    expect(keys).toEqual(['q3/<b>summary</b>.txt']);
  };

  /**
   * Asserts that `overrides` on the sandbox app's variables make the keyless connection refuse
   * with a message naming each of `mentions`, without the secret, before asking Entra anything.
   */
  const expectRefusedBeforeSignIn = async (
    overrides: Partial<Record<(typeof CHAIN_VARIABLES)[number], string>>,
    mentions: string[],
  ) => {
    const tokensBefore = tokensIssued();
    const error = expectCcxError(await keylessSignInFailure(overrides), 'invalid_input');
    for (const mention of mentions) expect(error.message).toContain(mention);
    expect(error.message).not.toContain(sandbox.azureCompute.clientSecret);
    expect(tokensIssued()).toBe(tokensBefore);
  };

  /** A federated token file as workload identity reads it. */
  const workloadTokenFile = (): string => {
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'ccx-workload-')), 'token');
    writeFileSync(tokenFile, 'header.payload.signature');
    return tokenFile;
  };

  beforeAll(async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'ccx-azure-default-credential-'));
    sandbox = await startSandbox({ stateDir, s3Scale: 0, gcsScale: 0 });
    const tls = await ensureSandboxTls(stateDir);
    const certFile = join(stateDir, 'azurite-cert.pem');
    const keyFile = join(stateDir, 'azurite-key.pem');
    writeFileSync(certFile, tls.cert);
    writeFileSync(keyFile, tls.key, { mode: 0o600 });
    azurite = await startAzurite({
      host: '127.0.0.1',
      accounts: sandboxAzureAccounts(7),
      oauth: { certFile, keyFile },
    });
    // Arranged with the account key: a container with one blob for the keyless reader to find.
    const [account] = azurite.accounts;
    const service = new BlobServiceClient(
      `${azurite.blobUrl}/${account!.name}`,
      new StorageSharedKeyCredential(account!.name, account!.key),
      { tlsOptions: { ca: [...rootCertificates, sandbox.caPem] } } as object,
    );
    const container = service.getContainerClient('reports');
    await container.create();
    await container.getBlockBlobClient('q3/<b>summary</b>.txt').upload('hello', 5);
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    saved.clear();
  });
  afterAll(async () => {
    await azurite?.stop();
    await sandbox?.stop();
  });

  it('signs in through EnvironmentCredential and lists every VM', async () => {
    setSandboxEnv();
    const tokensBefore = tokensIssued();
    const connection = await connectKeyless();
    const scopes = await connection.scopes();
    const vms: Resource[] = [];
    for (const scope of scopes)
      vms.push(...(await collect(connection.inventory!.list(scope, COMPUTE_TYPES.azureVm))));
    expect(vms).toHaveLength(sandbox.azureCompute.vmCount);
    // The sandbox issues tokens to its one app only, and ARM accepted them.
    expect(tokensIssued()).toBeGreaterThan(tokensBefore);
  });

  it('reads a blob container with a token from the same chain, no account key', async () => {
    setSandboxEnv();
    const tokensBefore = tokensIssued();
    const connection = await connectKeylessWithStorage();
    const storage = connection.storage!;
    const [scope] = await storage.accounts();
    await expectReportsListed(storage, scope!);
    expect(tokensIssued()).toBeGreaterThan(tokensBefore);
  });

  it('reads a container of a connection whose compute has a secret through that secret', async () => {
    // What the default chain would read names another app and holds no secret: it would be
    // refused, so the token can only come from compute's client secret.
    setEnv({ AZURE_CLIENT_ID: OTHER_APP, AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential' });
    const { name, config } = sandboxConnection();
    expect(config.compute!.clientSecret).toBeDefined();
    const connection = await connect(name, { ...config, ...storageSettings() });
    const tokensBefore = tokensIssued();
    await expectReportsListed(connection.storage!, accountName());
    expect(tokensIssued()).toBeGreaterThan(tokensBefore);
  });

  it('names what to configure when no credential of the chain is available', async () => {
    setEnv({ AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential' });
    const connection = await connectKeyless();
    const error = expectCcxError(await failureOf(connection.scopes()), 'forbidden');
    expect(error.message).toMatch(/compute\.clientSecret/);
    expect(error.message).toMatch(/AZURE_TENANT_ID/);
  });

  it('names the account key when a keyless storage account finds no credential', async () => {
    setEnv({ AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential' });
    const connection = await connectStorageOnly();
    const error = expectCcxError(await listingFailure(connection), 'forbidden');
    expect(error.message).toMatch(/storage account's key/);
    expect(error.message).toMatch(/AZURE_CLIENT_SECRET/);
  });

  it('tells an unreachable authority apart from a refusal, and lets it be retried', async () => {
    setSandboxEnv({ AZURE_AUTHORITY_HOST: undefined });
    // Port 9 (discard) on loopback: nothing listens there, the connection is refused at once.
    const connection = await connectKeyless({ authorityHost: 'https://127.0.0.1:9' });
    const error = expectCcxError(await failureOf(connection.scopes()), 'unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).not.toContain(sandbox.azureCompute.clientSecret);
  });

  it('tells a workload identity whose authority cannot be reached apart from no credential', async () => {
    // Port 9 (discard) on loopback: nothing listens there, the connection is refused at once.
    const closed = 'https://127.0.0.1:9';
    setEnv({
      AZURE_TENANT_ID: sandbox.azureCompute.tenantId,
      AZURE_AUTHORITY_HOST: closed,
      AZURE_FEDERATED_TOKEN_FILE: workloadTokenFile(),
      AZURE_TOKEN_CREDENTIALS: 'WorkloadIdentityCredential',
    });
    const connection = await connectKeyless({ authorityHost: closed });
    const tokensBefore = tokensIssued();
    const error = expectCcxError(await failureOf(connection.scopes()), 'unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('Entra could not be reached or is busy (');
    expect(error.message).not.toMatch(/no Azure credential is available/);
    expect(tokensIssued()).toBe(tokensBefore);
  });

  it('says the sign-in was refused for a wrong secret, without the secret', async () => {
    const wrong = 'not-the-secret-Zq8~x1';
    const error = expectCcxError(
      await keylessSignInFailure({ AZURE_CLIENT_SECRET: wrong }),
      'forbidden',
    );
    expect(error.message).toMatch(/AADSTS7000215/);
    expect(error.message).not.toContain(wrong);
    expect(JSON.stringify(error.details)).not.toContain(wrong);
    // The kept cause (what a server log may print in full) holds no secret either.
    expect(inspect(error, { depth: 10 })).not.toContain(wrong);
    expect(logged.join('\n')).not.toContain(wrong);
  });

  it('refuses an AZURE_CLIENT_ID naming another app than compute.clientId, before any sign-in', async () => {
    await expectRefusedBeforeSignIn({ AZURE_CLIENT_ID: OTHER_APP }, [
      `AZURE_CLIENT_ID (${OTHER_APP})`,
      `compute.clientId (${sandbox.azureCompute.clientId})`,
    ]);
  });

  it('refuses it for keyless storage of a connection with compute, as compute.clientId names the app', async () => {
    setSandboxEnv({ AZURE_CLIENT_ID: OTHER_APP });
    const connection = await connectKeylessWithStorage();
    const error = expectCcxError(await listingFailure(connection), 'invalid_input');
    expect(error.message).toMatch(/AZURE_CLIENT_ID .* compute\.clientId/);
  });

  it('signs in through workload identity as compute.clientId, not as no app at all', async () => {
    const { tenantId, authorityHost } = sandbox.azureCompute;
    // No AZURE_CLIENT_ID: the federated token is exchanged for the configured app alone.
    setEnv({
      AZURE_TENANT_ID: tenantId,
      AZURE_AUTHORITY_HOST: authorityHost,
      AZURE_FEDERATED_TOKEN_FILE: workloadTokenFile(),
      AZURE_TOKEN_CREDENTIALS: 'WorkloadIdentityCredential',
    });
    const connection = await connectKeyless({ clientId: OTHER_APP });
    const tokensBefore = tokensIssued();
    const error = expectCcxError(await failureOf(connection.scopes()), 'forbidden');
    // Without an app the credential would be unavailable and send nothing; as the configured
    // one it asked Entra, which answered that its directory lacks that app (the kept cause).
    expect(tokensIssued()).toBeGreaterThan(tokensBefore);
    expect(inspect(error, { depth: 10 })).toContain(
      `AADSTS700016: Application with identifier '${OTHER_APP}' was not found`,
    );
    // Entra's reason is what the user reads, not "no credential is available".
    expect(error.message).toContain(
      `Entra refused the sign-in (AADSTS700016: Application with identifier '${OTHER_APP}' was not found`,
    );
    expect(error.details).toEqual({ azureCode: 'AADSTS700016', httpStatus: null });
  });

  it('refuses an AZURE_TENANT_ID naming another tenant than compute.tenantId, before any sign-in', async () => {
    await expectRefusedBeforeSignIn({ AZURE_TENANT_ID: OTHER_TENANT }, [
      `AZURE_TENANT_ID (${OTHER_TENANT})`,
      `compute.tenantId (${sandbox.azureCompute.tenantId})`,
    ]);
  });

  it('reads a container of a storage-only connection signed in at its own authorityHost', async () => {
    // The environment credential's app, without AZURE_AUTHORITY_HOST: only the connection says
    // where to sign in, and the public cloud is not reachable from here.
    setSandboxEnv({ AZURE_AUTHORITY_HOST: undefined });
    const { tenantId, authorityHost } = sandbox.azureCompute;
    const tokensBefore = tokensIssued();
    const connection = await connectStorageOnly({ authorityHost: `${authorityHost}/`, tenantId });
    await expectReportsListed(connection.storage!, accountName());
    expect(tokensIssued()).toBeGreaterThan(tokensBefore);
  });

  it('signs a storage-only connection in to its own tenantId', async () => {
    const { clientId, tenantId, authorityHost } = sandbox.azureCompute;
    // No AZURE_TENANT_ID: without the connection's tenant, workload identity is unavailable.
    setEnv({
      AZURE_CLIENT_ID: clientId,
      AZURE_FEDERATED_TOKEN_FILE: workloadTokenFile(),
      AZURE_TOKEN_CREDENTIALS: 'WorkloadIdentityCredential',
    });
    const connection = await connectStorageOnly({ authorityHost, tenantId });
    const tokensBefore = tokensIssued();
    const error = expectCcxError(await listingFailure(connection), 'forbidden');
    // Entra found the tenant and the app; the sandbox takes no federated assertion, only secrets.
    expect(tokensIssued()).toBeGreaterThan(tokensBefore);
    expect(error.message).toMatch(/Entra refused the sign-in \(AADSTS7000218: /);
  });

  it('refuses an AZURE_TENANT_ID naming another tenant than the storage-only tenantId', async () => {
    const { tenantId, authorityHost } = sandbox.azureCompute;
    setSandboxEnv({ AZURE_TENANT_ID: OTHER_TENANT });
    const connection = await connectStorageOnly({ authorityHost, tenantId });
    const tokensBefore = tokensIssued();
    const error = expectCcxError(await listingFailure(connection), 'invalid_input');
    expect(error.message).toContain(
      `AZURE_TENANT_ID (${OTHER_TENANT}) names another tenant than tenantId (${tenantId})`,
    );
    expect(tokensIssued()).toBe(tokensBefore);
  });
});

describe('the connection-level authorityHost and tenantId', () => {
  const base = { storageAccounts: [{ name: 'acmelogs' }] };

  it('takes an https authority (trailing slash trimmed) and a tenant id or domain', () => {
    expect(
      azureConfigSchema.parse({
        ...base,
        authorityHost: 'https://login.microsoftonline.us/',
        tenantId: 'acme.onmicrosoft.com',
      }),
    ).toMatchObject({
      authorityHost: 'https://login.microsoftonline.us',
      tenantId: 'acme.onmicrosoft.com',
    });
  });

  it.each([
    [{ authorityHost: 'http://login.microsoftonline.us' }, 'authorityHost: expected an https URL'],
    [{ tenantId: '../etc' }, 'tenantId: expected a tenant id or domain'],
  ])('refuses %j', (keys, message) => {
    const parsed = azureConfigSchema.safeParse({ ...base, ...keys });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(`${issue.path.join('.')}: ${issue.message}`).toBe(message);
  });
});

describe('the connection-level authorityHost and tenantId beside compute', () => {
  const compute = {
    tenantId: 'acme.onmicrosoft.com',
    clientId: SANDBOX_LIKE_APP,
    subscriptions: ['00000000-0000-4000-8000-000000000001'],
  };
  const sovereign = { ...compute, authorityHost: 'https://login.microsoftonline.us' };
  const issuesOf = (config: object) => {
    const parsed = azureConfigSchema.safeParse({
      storageAccounts: [{ name: 'acmelogs' }],
      ...config,
    });
    return parsed.success
      ? []
      : parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
  };

  it.each([
    [
      'the same authority, trailing slash aside',
      { authorityHost: 'https://login.microsoftonline.us/' },
    ],
    ['the same authority, host case aside', { authorityHost: 'https://LOGIN.MicrosoftOnline.us' }],
    [
      'the same authority, default port aside',
      { authorityHost: 'https://login.microsoftonline.us:443/' },
    ],
    ['the same tenant, case aside', { tenantId: 'ACME.onmicrosoft.com' }],
    [
      'both',
      { authorityHost: 'https://login.microsoftonline.us', tenantId: 'acme.onmicrosoft.com' },
    ],
  ])('takes %s as compute has them', (_what, keys) => {
    expect(issuesOf({ compute: sovereign, ...keys })).toEqual([]);
  });

  it("takes compute's values for keyless storage when the connection repeats them", () => {
    const parsed = azureConfigSchema.parse({
      storageAccounts: [{ name: 'acmelogs' }],
      compute: sovereign,
      authorityHost: 'https://login.microsoftonline.us/',
      tenantId: 'ACME.onmicrosoft.com',
    });
    expect(parsed.compute).toMatchObject({
      authorityHost: 'https://login.microsoftonline.us',
      tenantId: 'acme.onmicrosoft.com',
    });
  });

  it('refuses another authority, naming both keys', () => {
    expect(
      issuesOf({ compute: sovereign, authorityHost: 'https://login.chinacloudapi.cn' }),
    ).toEqual([
      [
        'authorityHost',
        'authorityHost differs from compute.authorityHost. A connection with compute signs in, ' +
          'storage included, where its compute section says. Set compute.authorityHost alone.',
      ],
    ]);
  });

  it('refuses an authority that differs in its path, where case counts', () => {
    const tenantPath = { ...compute, authorityHost: 'https://login.example/Tenants' };
    expect(
      issuesOf({ compute: tenantPath, authorityHost: 'https://login.example/tenants' }),
    ).toEqual([['authorityHost', expect.stringMatching(/^authorityHost differs from compute/)]]);
  });

  it('refuses an authority where compute has none, as compute signs in elsewhere', () => {
    expect(issuesOf({ compute, authorityHost: 'https://login.microsoftonline.us' })).toEqual([
      [
        'authorityHost',
        expect.stringMatching(
          /^authorityHost is set but compute\.authorityHost is not.* Set compute\.authorityHost instead\.$/,
        ),
      ],
    ]);
  });

  it('refuses another tenant, naming both keys and values', () => {
    expect(issuesOf({ compute, tenantId: 'contoso.onmicrosoft.com' })).toEqual([
      [
        'tenantId',
        'tenantId (contoso.onmicrosoft.com) differs from compute.tenantId (acme.onmicrosoft.com). ' +
          'A connection with compute signs in, storage included, where its compute section says. ' +
          'Set compute.tenantId alone.',
      ],
    ]);
  });

  it('refuses both when both differ', () => {
    const issues = issuesOf({
      compute: sovereign,
      authorityHost: 'https://login.chinacloudapi.cn',
      tenantId: 'contoso.onmicrosoft.com',
    });
    expect(issues.map(([path]) => path)).toEqual(['authorityHost', 'tenantId']);
  });

  it('takes them in the compute section', () => {
    const parsed = azureConfigSchema.parse({
      storageAccounts: [{ name: 'acmelogs' }],
      compute: { ...compute, authorityHost: 'https://login.microsoftonline.us/' },
    });
    expect(parsed.compute).toMatchObject({
      authorityHost: 'https://login.microsoftonline.us',
      tenantId: 'acme.onmicrosoft.com',
    });
  });
});

describe('the credential of keyless storage beside compute', () => {
  const compute = {
    tenantId: 'acme.onmicrosoft.com',
    clientId: SANDBOX_LIKE_APP,
    subscriptions: ['00000000-0000-4000-8000-000000000001'],
  };
  const shared: TokenCredential = { getToken: () => Promise.resolve(null) };
  const accountsOf = (withSecret: boolean, computeSignIn?: TokenCredential) =>
    new StorageAccounts(
      'azure-test',
      azureConfigSchema.parse({
        storageAccounts: [{ name: 'acmelogs' }, { name: 'acmedata' }],
        compute: withSecret ? { ...compute, clientSecret: 'not-a-real-secret' } : compute,
      }),
      undefined,
      computeSignIn,
    );

  it.each([
    ['with a client secret', true],
    ['without a client secret', false],
  ])("is compute's own %s: one credential, one token cache for the app", (_what, withSecret) => {
    const accounts = accountsOf(withSecret, shared);
    expect(accounts.get('acmelogs').credential).toBe(shared);
    expect(accounts.get('acmedata').credential).toBe(shared);
  });

  it("is one built of compute's settings, shared by the accounts, when none is given", () => {
    const accounts = accountsOf(false);
    const credential = accounts.get('acmelogs').credential;
    expect(credential).not.toBe(shared);
    expect(accounts.get('acmedata').credential).toBe(credential);
  });
});

describe('defaultCredentialOptions', () => {
  const client = { id: SANDBOX_LIKE_APP, configKey: 'compute.clientId' };

  const tenant = { id: 'acme.onmicrosoft.com', configKey: 'tenantId' };

  /** What `defaultCredentialOptions` threw for `env`, or null. */
  const refusalOf = (env: NodeJS.ProcessEnv): unknown => {
    try {
      defaultCredentialOptions({ tenant, client }, env);
      return null;
    } catch (caught) {
      return caught;
    }
  };

  it('signs managed and workload identity in as the configured app', () => {
    expect(defaultCredentialOptions({ tenant, client }, {})).toEqual({
      tenantId: 'acme.onmicrosoft.com',
      managedIdentityClientId: SANDBOX_LIKE_APP,
      workloadIdentityClientId: SANDBOX_LIKE_APP,
    });
  });

  it('accepts the same app in AZURE_CLIENT_ID, whatever its case', () => {
    const env = { AZURE_CLIENT_ID: SANDBOX_LIKE_APP.toUpperCase() };
    expect(defaultCredentialOptions({ client }, env)).toMatchObject({
      managedIdentityClientId: SANDBOX_LIKE_APP,
    });
  });

  it('accepts the same tenant in AZURE_TENANT_ID, whatever its case', () => {
    expect(
      defaultCredentialOptions({ tenant, client }, { AZURE_TENANT_ID: 'ACME.onmicrosoft.com' }),
    ).toMatchObject({ tenantId: 'acme.onmicrosoft.com' });
  });

  it('refuses another tenant in AZURE_TENANT_ID, naming both keys', () => {
    const error = expectCcxError(
      refusalOf({ AZURE_TENANT_ID: 'contoso.onmicrosoft.com' }),
      'invalid_input',
    );
    expect(error.message).toBe(
      'AZURE_TENANT_ID (contoso.onmicrosoft.com) names another tenant than tenantId (acme.onmicrosoft.com): ' +
        'the connection would sign in there. Set AZURE_TENANT_ID to acme.onmicrosoft.com, or unset it.',
    );
  });

  it('does not repeat an AZURE_TENANT_ID that is neither a tenant id nor a domain', () => {
    const secret = 'Zq8~not/a tenant';
    const error = refusalOf({ AZURE_TENANT_ID: secret });
    expect(error).toBeInstanceOf(CcxError);
    expect((error as CcxError).message).toContain('AZURE_TENANT_ID (not a tenant id or domain)');
    expect((error as CcxError).message).not.toContain(secret);
  });

  it.each(['dev', ' Dev ', 'ManagedIdentityCredential', 'AzureCliCredential'])(
    'does not check the variables when AZURE_TOKEN_CREDENTIALS=%j leaves the environment credential out',
    (value) => {
      const env = {
        AZURE_TOKEN_CREDENTIALS: value,
        AZURE_TENANT_ID: 'contoso.onmicrosoft.com',
        AZURE_CLIENT_ID: OTHER_APP,
      };
      expect(defaultCredentialOptions({ tenant, client }, env)).toEqual({
        tenantId: 'acme.onmicrosoft.com',
        managedIdentityClientId: SANDBOX_LIKE_APP,
        workloadIdentityClientId: SANDBOX_LIKE_APP,
      });
    },
  );

  it.each(['', 'prod', ' EnvironmentCredential '])(
    'checks them when AZURE_TOKEN_CREDENTIALS=%j keeps the environment credential',
    (value) => {
      const tenantRefusal = refusalOf({
        AZURE_TOKEN_CREDENTIALS: value,
        AZURE_TENANT_ID: 'contoso.onmicrosoft.com',
      });
      expect((tenantRefusal as CcxError).message).toMatch(/^AZURE_TENANT_ID \(contoso/);
      const clientRefusal = refusalOf({
        AZURE_TOKEN_CREDENTIALS: value,
        AZURE_CLIENT_ID: OTHER_APP,
      });
      expect((clientRefusal as CcxError).message).toMatch(/^AZURE_CLIENT_ID \(0f0f0f0f/);
    },
  );

  it('compares the variables trimmed', () => {
    const env = {
      AZURE_TENANT_ID: ' acme.onmicrosoft.com\n',
      AZURE_CLIENT_ID: ` ${SANDBOX_LIKE_APP} `,
    };
    expect(defaultCredentialOptions({ tenant, client }, env)).toMatchObject({
      tenantId: 'acme.onmicrosoft.com',
      managedIdentityClientId: SANDBOX_LIKE_APP,
    });
    expect((refusalOf({ AZURE_CLIENT_ID: ` ${OTHER_APP}\t` }) as CcxError).message).toContain(
      `AZURE_CLIENT_ID (${OTHER_APP}) names another app`,
    );
  });

  it('does not repeat an AZURE_CLIENT_ID that is not a client id (a secret set by mistake)', () => {
    const secret = 'Zq8~not-a-client-id';
    const error = expectCcxError(refusalOf({ AZURE_CLIENT_ID: secret }), 'invalid_input');
    expect(error.message).toContain('AZURE_CLIENT_ID (not a client id)');
    expect(error.message).not.toContain(secret);
  });
});
