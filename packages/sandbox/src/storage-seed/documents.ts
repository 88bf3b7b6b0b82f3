import { gzipSync } from 'node:zlib';
import type { Prng } from '../prng';
import { creditCard, email, iban, ipv4, personName, phone, ssn } from './pii-values';
import { awsSecretKey, privateKeyPem, SECRET_KINDS } from './secret-values';
import type { PlantedValue } from './types';
import { largeBody, type LargeBody } from './large-body';

/** One generated document: its bytes and the sensitive values planted in it. */
export interface Document {
  contentType: string;
  extension: string;
  size: number;
  /** The bytes, regenerated on each call for large binary documents (kept out of memory). */
  body: () => Buffer;
  planted: PlantedValue[];
  /** Set for large documents, whose `body()` throws: read them by ranges. */
  large?: LargeBody;
}

function textDocument(
  contentType: string,
  extension: string,
  text: string | Buffer,
  planted: PlantedValue[],
): Document {
  const body = typeof text === 'string' ? Buffer.from(text) : text;
  return { contentType, extension, size: body.length, body: () => body, planted };
}

export type DocumentKind =
  | 'customers-csv'
  | 'profiles-json'
  | 'support-ticket'
  | 'app-log'
  | 'app-log-gz'
  | 'env-config'
  | 'yaml-config'
  | 'html-page'
  | 'metrics-json'
  | 'notes-text'
  | 'binary-image'
  | 'binary-parquet'
  | 'large-parquet';

const WORDS = [
  'quarterly',
  'pipeline',
  'latency',
  'rollout',
  'budget',
  'cluster',
  'migration',
  'review',
  'dashboard',
  'capacity',
  'release',
  'incident',
  'forecast',
  'backlog',
  'schema',
  'cache',
];

function sentence(prng: Prng, words = prng.int(6, 14)): string {
  const text = Array.from({ length: words }, () => prng.pick(WORDS)).join(' ');
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}.`;
}

function customersCsv(prng: Prng): Document {
  const planted: PlantedValue[] = [];
  const rows = ['customer_id,name,email,phone,card_number,iban,ssn,signup_ip'];
  for (let i = 0, n = prng.int(8, 40); i < n; i++) {
    const person = personName(prng);
    const values = {
      EMAIL: email(prng, person),
      PHONE_NUMBER: phone(prng),
      CREDIT_CARD: creditCard(prng),
      IBAN: iban(prng),
      US_SSN: ssn(prng),
      IP_ADDRESS: ipv4(prng),
    };
    for (const [type, value] of Object.entries(values)) planted.push({ type, value });
    rows.push(
      [
        `C${prng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 6)}`,
        `${person.first} ${person.last}`,
        values.EMAIL,
        `"${values.PHONE_NUMBER}"`,
        values.CREDIT_CARD,
        values.IBAN,
        values.US_SSN,
        values.IP_ADDRESS,
      ].join(','),
    );
  }
  return textDocument('text/csv', 'csv', `${rows.join('\n')}\n`, planted);
}

function profilesJson(prng: Prng): Document {
  const planted: PlantedValue[] = [];
  const profiles = Array.from({ length: prng.int(3, 15) }, () => {
    const person = personName(prng);
    const contact = email(prng, person);
    const tel = phone(prng);
    planted.push({ type: 'EMAIL', value: contact }, { type: 'PHONE_NUMBER', value: tel });
    return {
      name: `${person.first} ${person.last}`,
      email: contact,
      phone: tel,
      plan: prng.pick(['free', 'pro', 'team']),
    };
  });
  return textDocument('application/json', 'json', JSON.stringify({ profiles }, null, 2), planted);
}

function supportTicket(prng: Prng): Document {
  const card = creditCard(prng);
  const contact = email(prng);
  const social = ssn(prng);
  const text = [
    `Subject: ${sentence(prng, 5)}`,
    `From: ${contact}`,
    '',
    `Hello, ${sentence(prng)} Please charge my credit card ${card} for the renewal.`,
    `For verification my SSN is ${social}. ${sentence(prng)}`,
    '',
  ].join('\n');
  return textDocument('text/plain', 'txt', text, [
    { type: 'EMAIL', value: contact },
    { type: 'CREDIT_CARD', value: card },
    { type: 'US_SSN', value: social },
  ]);
}

function appLog(prng: Prng, now: number): Document {
  const planted: PlantedValue[] = [];
  const lines: string[] = [];
  let at = now - prng.int(0, 86_400_000);
  for (let i = 0, n = prng.int(30, 120); i < n; i++) {
    at += prng.int(50, 5000);
    const level = prng.weighted([
      ['INFO', 8],
      ['WARN', 2],
      ['ERROR', 1],
    ] as const);
    if (prng.next() < 0.15) {
      const address = ipv4(prng);
      const user = email(prng);
      planted.push({ type: 'IP_ADDRESS', value: address }, { type: 'EMAIL', value: user });
      lines.push(`${new Date(at).toISOString()} ${level} login ok user=${user} client=${address}`);
    } else {
      lines.push(
        `${new Date(at).toISOString()} ${level} ${sentence(prng, 6)} duration_ms=${prng.int(1, 900)}`,
      );
    }
  }
  return textDocument('text/plain', 'log', `${lines.join('\n')}\n`, planted);
}

function envConfig(prng: Prng): Document {
  const secrets = [0, 1, 2].map(() => prng.pick(SECRET_KINDS)(prng));
  const lines = ['# service configuration', `APP_ENV=production`, `LOG_LEVEL=info`];
  const planted: PlantedValue[] = [];
  for (const secret of secrets) {
    lines.push(`${secret.name}=${secret.value}`);
    planted.push({ type: 'SECRET', ruleId: secret.ruleId, value: secret.value });
    if (secret.ruleId === 'aws-access-token')
      lines.push(`AWS_SECRET_ACCESS_KEY=${awsSecretKey(prng)}`);
  }
  return textDocument('text/plain', 'env', `${lines.join('\n')}\n`, planted);
}

function yamlConfig(prng: Prng): Document {
  const key = privateKeyPem(prng);
  const token = prng.pick(SECRET_KINDS)(prng);
  const body = [
    'service:',
    `  name: ${prng.pick(WORDS)}-api`,
    `  replicas: ${prng.int(1, 6)}`,
    'credentials:',
    `  ${token.name.toLowerCase()}: "${token.value}"`,
    '  tls_key: |',
    ...key.value.split('\n').map((line) => `    ${line}`),
    '',
  ].join('\n');
  return textDocument('application/x-yaml', 'yaml', body, [
    { type: 'SECRET', ruleId: token.ruleId, value: token.value },
    // As it appears in the file: the block is indented under its YAML key.
    { type: 'SECRET', ruleId: key.ruleId, value: key.value.split('\n').join('\n    ') },
  ]);
}

function htmlPage(prng: Prng): Document {
  const body = `<!doctype html>\n<html><head><title>${prng.pick(WORDS)}</title></head><body><h1>${sentence(prng, 4)}</h1><p>${sentence(prng)}</p></body></html>\n`;
  return textDocument('text/html', 'html', body, []);
}

function metricsJson(prng: Prng): Document {
  const points = Array.from({ length: prng.int(20, 80) }, (_, i) => ({
    t: i * 60,
    v: Math.round(prng.next() * 1000) / 10,
  }));
  return textDocument(
    'application/json',
    'json',
    JSON.stringify({ metric: prng.pick(WORDS), points }),
    [],
  );
}

function notesText(prng: Prng): Document {
  const text = Array.from({ length: prng.int(3, 12) }, () => sentence(prng)).join('\n');
  return textDocument('text/plain', 'md', `${text}\n`, []);
}

/** Incompressible bytes from a xorshift32 stream: cheap to regenerate, so never stored. */
function fillRandom(size: number, seed: number): Buffer {
  const body = Buffer.alloc(size);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    body[i] = x & 0xff;
  }
  return body;
}

function binary(prng: Prng, kind: 'png' | 'parquet'): Document {
  const size = prng.int(2_000, 48_000);
  const seed = prng.int(1, 0x7fffffff);
  const magic =
    kind === 'png'
      ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      : Buffer.from('PAR1', 'latin1');
  return {
    contentType: kind === 'png' ? 'image/png' : 'application/octet-stream',
    extension: kind,
    size,
    body: () => {
      const body = fillRandom(size, seed);
      magic.copy(body);
      return body;
    },
    planted: [],
  };
}

const MIB = 1024 * 1024;
const PARQUET_MAGIC = Buffer.from('PAR1', 'latin1');

/**
 * A data-lake file of 256 MiB to 4 GiB, log-uniform (as file sizes in a lake spread over
 * orders of magnitude); below S3's 5 GiB copy limit, so copying one stays a single request.
 */
function largeParquet(prng: Prng): Document {
  const size = Math.round(256 * MIB * 16 ** prng.next());
  const large = largeBody(prng.int(1, 0x7fffffff), size, PARQUET_MAGIC);
  return {
    contentType: 'application/octet-stream',
    extension: 'parquet',
    size,
    body: () => {
      throw new RangeError(`a ${size}-byte seeded object is read by ranges, not whole`);
    },
    planted: [],
    large,
  };
}

/** Generates one document of `kind` from `prng` (deterministic for a given PRNG state). */
export function generateDocument(kind: DocumentKind, prng: Prng, now: number): Document {
  switch (kind) {
    case 'customers-csv':
      return customersCsv(prng);
    case 'profiles-json':
      return profilesJson(prng);
    case 'support-ticket':
      return supportTicket(prng);
    case 'app-log':
      return appLog(prng, now);
    case 'app-log-gz': {
      const log = appLog(prng, now);
      return textDocument('application/gzip', 'log.gz', gzipSync(log.body()), log.planted);
    }
    case 'env-config':
      return envConfig(prng);
    case 'yaml-config':
      return yamlConfig(prng);
    case 'html-page':
      return htmlPage(prng);
    case 'metrics-json':
      return metricsJson(prng);
    case 'notes-text':
      return notesText(prng);
    case 'binary-image':
      return binary(prng, 'png');
    case 'binary-parquet':
      return binary(prng, 'parquet');
    case 'large-parquet':
      return largeParquet(prng);
  }
}
