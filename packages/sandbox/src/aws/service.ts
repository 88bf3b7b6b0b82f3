import type { AwsError } from './aws-error';
import type { AuthFailureReason } from './authenticate';
import type { Principal } from './principal';
import type { QueryParams } from './query-params';

/** What an operation handler sees: the verified caller, the signed region, the parameters. */
export interface OperationContext {
  principal: Principal;
  region: string;
  params: QueryParams;
  requestId: string;
  now: number;
}

/** An operation returns the XML body of a 200 response, or throws an AwsError. */
export type Operation = (ctx: OperationContext) => string;

/**
 * One AWS service served at the shared endpoint. Services differ in their error envelope and in
 * the codes they use for the same failure, so each owns those mappings.
 */
export interface AwsService {
  /** SigV4 signing name, as in the credential scope (`ec2`, `sts`). */
  signingName: string;
  /** The Query API version the SDK sends, used to tell the service of an unsigned request. */
  version: string;
  operations: Readonly<Record<string, Operation>>;
  renderError(error: AwsError, requestId: string): string;
  authError(reason: AuthFailureReason, message: string): AwsError;
  throttleError(): AwsError;
  serverError(kind: 'internal' | 'unavailable'): AwsError;
  unknownOperation(action: string): AwsError;
}
