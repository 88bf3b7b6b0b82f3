import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes are PHC-like strings, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64, no
 * padding), so the parameters travel with the hash and can be raised later without breaking
 * existing accounts.
 */
const DEFAULTS = { ln: 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  params: ScryptParams,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes plus headroom, or Node refuses the parameters.
    const maxmem = 256 * params.N * params.r;
    scrypt(password, salt, keyLength, { ...params, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

const b64 = (buffer: Buffer): string => buffer.toString('base64').replace(/=+$/, '');

/**
 * `cost` is log2 of scrypt's N (default 15, 32 MiB per hash). Lower it only where hashes are
 * throwaway (tests); verification reads the cost from the stored hash.
 */
export async function hashPassword(
  password: string,
  options: { cost?: number } = {},
): Promise<string> {
  const ln = options.cost ?? DEFAULTS.ln;
  const salt = randomBytes(DEFAULTS.saltLength);
  const params = { N: 2 ** ln, r: DEFAULTS.r, p: DEFAULTS.p };
  const key = await derive(password, salt, DEFAULTS.keyLength, params);
  return `$scrypt$ln=${ln},r=${DEFAULTS.r},p=${DEFAULTS.p}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** False for a wrong password or a hash this code does not understand; never throws on input. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = PHC.exec(stored);
  if (!match) return false;
  const [, ln, r, p, salt, hash] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = Buffer.from(hash, 'base64');
  const params = { N: 2 ** Number(ln), r: Number(r), p: Number(p) };
  if (params.N > 2 ** 20 || expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64'), expected.length, params);
  return timingSafeEqual(actual, expected);
}

/**
 * A valid hash of a password nobody knows, verified against when a username does not exist so
 * that an unknown user costs as much time as a wrong password.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
