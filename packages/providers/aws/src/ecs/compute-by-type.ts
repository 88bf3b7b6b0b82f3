import { CcxError, type ComputeActions, type ResourceRef } from '@ccx/core';

/**
 * One `compute` member from several implementations, each owning some resource types (EC2
 * instances, ECS services): every call goes to the part whose `types` hold the ref's type,
 * so a connection exposes the union and each part keeps rejecting what is not its own.
 */
export function computeByType(parts: readonly ComputeActions[]): ComputeActions {
  const owner = (ref: ResourceRef): ComputeActions => {
    const part = parts.find((candidate) => candidate.types.includes(ref.type));
    if (!part)
      throw new CcxError('invalid_input', `No compute actions for ${ref.provider} ${ref.type}`);
    return part;
  };
  const optional = <K extends keyof ComputeActions>(
    key: K,
    ref: ResourceRef,
  ): NonNullable<ComputeActions[K]> => {
    const part = owner(ref);
    const method = part[key];
    if (typeof method !== 'function') {
      throw new CcxError('invalid_input', `${String(key)} does not apply to ${ref.type}`);
    }
    return method.bind(part) as NonNullable<ComputeActions[K]>;
  };
  return {
    types: [...new Set(parts.flatMap((part) => part.types))],
    startInstance: (ref, options) => owner(ref).startInstance(ref, options),
    stopInstance: (ref, options) => owner(ref).stopInstance(ref, options),
    rebootInstance: (ref, options) => owner(ref).rebootInstance(ref, options),
    resizeInstance: async (ref, size, options) =>
      optional('resizeInstance', ref)(ref, size, options),
    scaleService: async (ref, count, options) => optional('scaleService', ref)(ref, count, options),
    registerTaskDefinitionRevision: async (ref, change, options) =>
      optional('registerTaskDefinitionRevision', ref)(ref, change, options),
    associateAddress: async (address, instanceId, options) =>
      optional('associateAddress', address)(address, instanceId, options),
    disassociateAddress: async (address, options) =>
      optional('disassociateAddress', address)(address, options),
    describe: (ref, options) => owner(ref).describe(ref, options),
    waitFor: (ref, goal, options) => owner(ref).waitFor(ref, goal, options),
  };
}
