import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** The CA a launcher points NODE_EXTRA_CA_CERTS at. */
export interface SandboxCa {
  caFile: string;
  caPem: string;
}

export interface SandboxTls extends SandboxCa {
  key: string;
  cert: string;
}

const CA_BUNDLE = 'ca-key.pem';
const CA_CERT = 'ca.pem';
const LEAF_BUNDLE = 'localhost.pem';
const DAY_MS = 86_400_000;
/** Regenerate a leaf that has less than this left, so a long demo never hits an expiry. */
const LEAF_MIN_REMAINING_MS = 30 * DAY_MS;

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----\n?/g;

function pemBlocks(text: string): { key: string | null; cert: string | null } {
  let key: string | null = null;
  let cert: string | null = null;
  for (const match of text.matchAll(PEM_BLOCK)) {
    if (match[1] === 'CERTIFICATE') cert ??= match[0];
    else if (match[1]?.includes('PRIVATE KEY')) key ??= match[0];
  }
  return { key, cert };
}

/**
 * Writes `file` only if it does not exist yet, atomically: the content goes to a temporary file
 * that is then hard-linked into place, so two processes racing to create the CA agree on one.
 * Returns the content that is in place afterwards.
 */
async function createOnce(file: string, content: string): Promise<string> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, content, { mode: 0o600 });
  try {
    await link(temp, file);
    return content;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(file, 'utf8');
  } finally {
    await unlink(temp);
  }
}

async function replaceAtomically(file: string, content: string, mode: number): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, content, { mode });
  await rename(temp, file);
}

async function loadOrCreateCaBundle(stateDir: string): Promise<{ key: string; cert: string }> {
  const bundleFile = join(stateDir, CA_BUNDLE);
  let text: string;
  if (existsSync(bundleFile)) {
    text = await readFile(bundleFile, 'utf8');
  } else {
    const now = Date.now();
    const ca = await generate(
      [
        { name: 'commonName', value: "Creator's Codex sandbox CA" },
        { name: 'organizationName', value: "Creator's Codex sandbox" },
      ],
      {
        keyType: 'ec',
        algorithm: 'sha256',
        notBeforeDate: new Date(now - DAY_MS),
        notAfterDate: new Date(now + 3650 * DAY_MS),
        extensions: [
          { name: 'basicConstraints', cA: true, critical: true },
          {
            name: 'keyUsage',
            keyCertSign: true,
            cRLSign: true,
            digitalSignature: true,
            critical: true,
          },
        ],
      },
    );
    text = await createOnce(bundleFile, ca.private + ca.cert);
  }
  const { key, cert } = pemBlocks(text);
  if (!key || !cert)
    throw new Error(
      `The sandbox CA file ${bundleFile} is damaged: it must hold a private key and a certificate. Delete it to create a new CA.`,
    );
  return { key, cert };
}

/**
 * Creates the sandbox CA under `stateDir`, or reuses the one there, and returns the path of its
 * certificate. A launcher calls this before spawning a process with NODE_EXTRA_CA_CERTS set to
 * `caFile`, so that process trusts every leaf the sandbox later presents.
 */
export async function ensureSandboxCa(stateDir: string): Promise<SandboxCa> {
  await mkdir(stateDir, { recursive: true });
  const { cert } = await loadOrCreateCaBundle(stateDir);
  const caFile = join(stateDir, CA_CERT);
  if (!existsSync(caFile) || (await readFile(caFile, 'utf8')) !== cert)
    await replaceAtomically(caFile, cert, 0o644);
  return { caFile, caPem: cert };
}

function leafStillGood(leafCert: string, caCert: string): boolean {
  const leaf = new X509Certificate(leafCert);
  const ca = new X509Certificate(caCert);
  return (
    leaf.checkIssued(ca) &&
    leaf.verify(ca.publicKey) &&
    Date.parse(leaf.validTo) - Date.now() > LEAF_MIN_REMAINING_MS
  );
}

/** The CA plus a localhost / 127.0.0.1 / ::1 server certificate it signed, reused while valid. */
export async function ensureSandboxTls(stateDir: string): Promise<SandboxTls> {
  const { caFile, caPem } = await ensureSandboxCa(stateDir);
  const ca = await loadOrCreateCaBundle(stateDir);
  const leafFile = join(stateDir, LEAF_BUNDLE);
  if (existsSync(leafFile)) {
    const { key, cert } = pemBlocks(await readFile(leafFile, 'utf8'));
    if (key && cert && leafStillGood(cert, caPem)) return { caFile, caPem, key, cert };
  }
  const now = Date.now();
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY_MS),
    notAfterDate: new Date(now + 397 * DAY_MS),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  await replaceAtomically(leafFile, leaf.private + leaf.cert, 0o600);
  return { caFile, caPem, key: leaf.private, cert: leaf.cert };
}
