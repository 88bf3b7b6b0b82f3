/**
 * An error the sandbox answers with, in the terms of the AWS API: the error code a client
 * switches on, the human message, and the HTTP status AWS uses for it. Each protocol renders it
 * in its own envelope (`aws/…-xml.ts`), so handlers never build error bodies themselves.
 */
export class AwsError extends Error {
  override readonly name = 'AwsError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    /** `Sender` for caller mistakes, `Receiver` for server faults (the Query protocol's `Type`). */
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message, 400);
}

export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}`, 400);
}
