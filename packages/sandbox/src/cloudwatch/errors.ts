import { AwsError } from '../aws/aws-error';

/**
 * CloudWatch speaks JSON but is query-compatible: the body names the error shape
 * (`InvalidParameterValueException`) and `x-amzn-query-error` names the code clients of the old
 * Query protocol switch on (`InvalidParameterValue;Sender`). The SDK reads the header first, so
 * both must agree. Codes without a modelled shape (throttling, auth) are the same in both.
 */
const QUERY_CODES: Readonly<Record<string, string>> = {
  InvalidParameterValueException: 'InvalidParameterValue',
  InvalidParameterCombinationException: 'InvalidParameterCombination',
  MissingRequiredParameterException: 'MissingParameter',
  ValidationException: 'ValidationError',
  InternalServiceFault: 'InternalServiceError',
};

export function queryErrorHeader(error: AwsError): Record<string, string> {
  const code = QUERY_CODES[error.code] ?? error.code;
  return { 'x-amzn-query-error': `${code};${error.type}` };
}

export const invalidParameterValue = (message: string) =>
  new AwsError('InvalidParameterValueException', message, 400);

export const invalidParameterCombination = (message: string) =>
  new AwsError('InvalidParameterCombinationException', message, 400);

export const missingParameter = (name: string) =>
  new AwsError('MissingRequiredParameterException', `The parameter ${name} is required.`, 400);

export const validationError = (message: string) =>
  new AwsError('ValidationException', message, 400);

export const invalidNextToken = () =>
  new AwsError('InvalidNextToken', 'The service found the NextToken invalid.', 400);
