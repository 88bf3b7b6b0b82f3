import { actionNameSchema } from '@ccx/core';
import { z } from 'zod';

/** Schemas of `GET /api/operations/{id}`: what an accepted action reports while it runs. */

export const OPERATION_STATUSES = ['running', 'succeeded', 'failed'] as const;
export const operationStatusSchema = z.enum(OPERATION_STATUSES);

export const operationStepSchema = z.object({
  step: z.string(),
  state: z.string().nullable(),
  at: z.string(),
  message: z.string().optional(),
});
export type OperationStep = z.infer<typeof operationStepSchema>;

/** An action running (or run) in the background on one resource; polled until it ends. */
export const operationSchema = z
  .object({
    id: z.string(),
    action: actionNameSchema,
    target: z.string().meta({ description: 'Resource uid' }),
    correlationId: z.string().meta({ description: 'Shared by its audit entries' }),
    status: operationStatusSchema,
    steps: z.array(operationStepSchema),
    state: z.string().nullable(),
    size: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    warning: z.string().nullable().meta({
      description:
        'Set when the action succeeded but the store could not follow it: the stored state is corrected by the next sync',
    }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Operation' });
export type Operation = z.infer<typeof operationSchema>;
