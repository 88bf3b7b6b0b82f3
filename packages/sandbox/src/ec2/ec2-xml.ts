import { escapeXml } from '../xml';
import type { AwsError } from '../aws/aws-error';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** `<XResponse xmlns=…><requestId>…</requestId>…</XResponse>`: EC2 puts results at the top level. */
export function ec2Response(action: string, bodyXml: string, requestId: string): string {
  return `<${action}Response xmlns="${EC2_NAMESPACE}"><requestId>${escapeXml(requestId)}</requestId>${bodyXml}</${action}Response>`;
}

/** EC2's own error envelope (not awsQuery's `ErrorResponse`). */
export function ec2Error(error: AwsError, requestId: string): string {
  return (
    `<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors>` +
    `<RequestID>${escapeXml(requestId)}</RequestID></Response>`
  );
}
