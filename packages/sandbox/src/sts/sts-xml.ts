import { escapeXml } from '../xml';
import type { AwsError } from '../aws/aws-error';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** `<XResponse><XResult>…</XResult><ResponseMetadata>…</ResponseMetadata></XResponse>`. */
export function stsResponse(action: string, resultXml: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${STS_NAMESPACE}"><${action}Result>${resultXml}</${action}Result>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** The awsQuery error envelope STS uses. */
export function stsError(error: AwsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${STS_NAMESPACE}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}
