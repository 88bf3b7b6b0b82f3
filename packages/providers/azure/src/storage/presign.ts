import {
  BlobSASPermissions,
  SASProtocol,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
  type BlobClient,
  type BlobSASSignatureValues,
} from '@azure/storage-blob';
import { CcxError, type PresignOptions, type PresignedUrl } from '@ccx/core';
import type { StorageAccount } from '../accounts';

/** A user delegation key lives at most seven days, so a SAS signed with one cannot outlive it. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
/** Starts a little in the past, so a client whose clock runs behind can use the URL at once. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * A blob SAS for one GET or PUT. With a shared key the SAS is signed locally; without one it is
 * a user delegation SAS, signed with a key fetched for the connection's Azure AD identity (one
 * request). A PUT URL only creates or overwrites that one blob (`cw`), and its holder must send
 * `x-ms-blob-type: BlockBlob`, returned in `headers`. HTTP is allowed only in the sandbox.
 */
export async function presignBlob(
  account: StorageAccount,
  blob: BlobClient,
  options: PresignOptions,
  allowHttp: boolean,
  now = Date.now(),
): Promise<PresignedUrl> {
  if (!Number.isInteger(options.expiresInSeconds) || options.expiresInSeconds < 1)
    throw new CcxError('invalid_input', 'expiresInSeconds must be a positive whole number');
  if (options.expiresInSeconds > MAX_PRESIGN_SECONDS)
    throw new CcxError('invalid_input', `An Azure SAS can last at most ${MAX_PRESIGN_SECONDS} s`);
  const startsOn = new Date(now - CLOCK_SKEW_MS);
  const expiresOn = new Date(now + options.expiresInSeconds * 1000);
  const values: BlobSASSignatureValues = {
    containerName: blob.containerName,
    blobName: blob.name,
    versionId: new URL(blob.url).searchParams.get('versionid') ?? undefined,
    permissions: BlobSASPermissions.parse(options.method === 'GET' ? 'r' : 'cw'),
    startsOn,
    expiresOn,
    protocol: allowHttp ? SASProtocol.HttpsAndHttp : SASProtocol.Https,
  };
  const query =
    account.credential instanceof StorageSharedKeyCredential
      ? generateBlobSASQueryParameters(values, account.credential)
      : generateBlobSASQueryParameters(
          values,
          await account.service.getUserDelegationKey(startsOn, expiresOn),
          account.name,
        );
  const headers: Record<string, string> = {};
  if (options.method === 'PUT') {
    headers['x-ms-blob-type'] = 'BlockBlob';
    if (options.contentType) headers['content-type'] = options.contentType;
  }
  // A version's URL already has a query (`versionid`); the SAS parameters join it.
  const url = new URL(blob.url);
  for (const [name, value] of new URLSearchParams(query.toString()))
    url.searchParams.append(name, value);
  return {
    url: url.toString(),
    expiresAt: expiresOn.toISOString(),
    ...(options.method === 'PUT' ? { headers } : {}),
  };
}
