import { AwsError, invalidParameterValue, missingParameter } from '../aws/aws-error';
import type { OperationContext } from '../aws/service';
import type { Estate } from '../estate/estate';
import { resolveState } from '../estate/instance';
import { instanceTypeInfo } from '../estate/instance-types';
import { ec2Response } from './ec2-xml';
import { resolveInstanceIds } from './instance-ids';
import { dryRun } from './state-changes';

/**
 * The new instance type, in either request form: `InstanceType.Value=m5.large`, or the legacy
 * `Attribute=instanceType&Value=m5.large`. Other attributes are not served by the sandbox.
 */
function requestedType(ctx: OperationContext): string {
  const { params } = ctx;
  const direct = params.get('InstanceType.Value');
  if (direct !== undefined) return direct;
  const attribute = params.get('Attribute');
  if (attribute === undefined)
    throw new AwsError('InvalidParameterCombination', 'No attributes specified.', 400);
  if (attribute !== 'instanceType')
    throw new AwsError(
      'UnsupportedOperation',
      `The sandbox modifies only the instanceType attribute, not '${attribute}'.`,
      400,
    );
  return params.require('Value');
}

/**
 * ModifyInstanceAttribute for the instance type, with EC2's rules: the type must exist, match
 * the instance's architecture (its AMI), not cross between GPU and other families, and the
 * instance must be `stopped` — a running or stopping one is IncorrectInstanceState.
 */
export function modifyInstanceAttribute(
  estate: Estate,
  transitionMs: number,
  ctx: OperationContext,
): string {
  const id = ctx.params.get('InstanceId');
  if (!id) throw missingParameter('InstanceId');
  const [instance] = resolveInstanceIds(estate, ctx.principal.accountId, ctx.region, [id]);
  const type = requestedType(ctx);
  const target = instanceTypeInfo(type);
  if (!target) throw invalidParameterValue(`Invalid value '${type}' for instanceType.`);
  const current = instanceTypeInfo(instance!.instanceType);
  if (target.architecture !== instance!.architecture)
    throw invalidParameterValue(
      `The instance type '${type}' does not support the '${instance!.architecture}' architecture of the instance's AMI.`,
    );
  if (current && current.accelerated !== target.accelerated)
    throw new AwsError(
      'InvalidInstanceAttributeValue',
      `Modifying the instance type from ${instance!.instanceType} to ${type} is not allowed.`,
      400,
    );
  if (resolveState(instance!, ctx.now, transitionMs) !== 'stopped')
    throw new AwsError(
      'IncorrectInstanceState',
      `The instance '${instance!.id}' is not in the 'stopped' state.`,
      400,
    );
  if (ctx.params.boolean('DryRun')) throw dryRun();
  instance!.instanceType = target.type;
  instance!.coreCount = target.coreCount;
  instance!.threadsPerCore = target.threadsPerCore;
  instance!.ebsOptimized = !target.burstable;
  instance!.staticXml = undefined;
  return ec2Response('ModifyInstanceAttribute', '<return>true</return>', ctx.requestId);
}
