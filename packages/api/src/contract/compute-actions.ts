import { actionInputSchema } from '@ccx/core';
import { z } from 'zod';
import { operationSchema } from './operations';

/** Bodies and answers of the action routes, on one resource and in bulk. */

/**
 * `{action:'compute.start'}` … `{action:'compute.resize', size}`, `{action:'compute.scale',
 * count}`, `{action:'compute.deploy', images?, cpu?, memory?}` (ECS services),
 * `{action:'compute.associate-address', instance}` and `{action:'compute.disassociate-address'}`
 * (Elastic IPs).
 */
export const actionRequestSchema = actionInputSchema;

export const actionAcceptedSchema = z
  .object({ operation: operationSchema })
  .meta({ id: 'ActionAccepted' });
export type ActionAccepted = z.infer<typeof actionAcceptedSchema>;

export const MAX_BULK_UIDS = 100;
const bulkUids = z
  .array(z.string().min(1).max(4096))
  .min(1)
  .max(MAX_BULK_UIDS)
  .refine((uids) => new Set(uids).size === uids.length, { message: 'uids must be unique' });

/**
 * The action input with the uids it applies to: each variant of `actionInputSchema` extended,
 * so the bulk body stays strict and as precise as the single one. Deploys and address
 * associations name one target's own containers or instance, so they are never bulk.
 */
const [startInput, stopInput, rebootInput, resizeInput, scaleInput] = actionInputSchema.options;
export const bulkActionRequestSchema = z
  .discriminatedUnion('action', [
    startInput.extend({ uids: bulkUids }),
    stopInput.extend({ uids: bulkUids }),
    rebootInput.extend({ uids: bulkUids }),
    resizeInput.extend({ uids: bulkUids }),
    scaleInput.extend({ uids: bulkUids }),
  ])
  .meta({ id: 'BulkActionInput' });
export type BulkActionRequest = z.infer<typeof bulkActionRequestSchema>;

export const bulkAcceptedSchema = z
  .object({
    operations: z.array(operationSchema),
    rejected: z.array(z.object({ uid: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: 'BulkActionAccepted' });
export type BulkAccepted = z.infer<typeof bulkAcceptedSchema>;
