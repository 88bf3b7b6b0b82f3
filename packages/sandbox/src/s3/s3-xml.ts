import { escapeXml, XML_DECLARATION } from '../xml';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Characters XML 1.0 cannot carry raw; S3 writes them as character references. */
const CONTROL = /[^\t\n\r\x20-\uffff]/g;

/** Escapes text for S3 XML: markup characters, carriage returns and control characters. */
export function s3Text(text: string): string {
  return escapeXml(text).replace(CONTROL, (ch) => `&#x${ch.charCodeAt(0).toString(16)};`);
}

/** `<name>escaped</name>`, or nothing when the value is absent. */
export function tag(name: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `<${name}>${s3Text(String(value))}</${name}>`;
}

/** A whole document with S3's namespace on its root element. */
export function document(root: string, inner: string): string {
  return `${XML_DECLARATION}<${root} xmlns="${S3_NAMESPACE}">${inner}</${root}>`;
}

/** S3 timestamps in listings: ISO-8601 with milliseconds. */
export const isoTime = (ms: number) => new Date(ms).toISOString();

export function renderS3Error(
  code: string,
  message: string,
  extra: Readonly<Record<string, string>>,
  requestId: string,
): string {
  const fields = Object.entries(extra)
    .map(([name, value]) => tag(name, value))
    .join('');
  return `${XML_DECLARATION}<Error>${tag('Code', code)}${tag('Message', message)}${fields}${tag('RequestId', requestId)}<HostId>${s3Text(Buffer.from(requestId).toString('base64'))}</HostId></Error>`;
}

export function tagSetXml(tags: Readonly<Record<string, string>>): string {
  return `<TagSet>${Object.entries(tags)
    .map(([k, v]) => `<Tag>${tag('Key', k)}${tag('Value', v)}</Tag>`)
    .join('')}</TagSet>`;
}
