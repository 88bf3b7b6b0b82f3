import { z } from 'zod';
import { parseResourceUid } from './resource';

/**
 * Actions a user can take on a resource. Each is a data definition: the role it needs and
 * whether it changes the estate; the API and the CLI read the same table.
 */
export const ACTIONS = {
  'compute.start': { role: 'operator', mutates: true, label: 'Start' },
  'compute.stop': { role: 'operator', mutates: true, label: 'Stop' },
  'compute.reboot': { role: 'operator', mutates: true, label: 'Reboot' },
  'compute.resize': { role: 'operator', mutates: true, label: 'Resize' },
  'compute.scale': { role: 'operator', mutates: true, label: 'Scale' },
  'compute.deploy': { role: 'operator', mutates: true, label: 'Deploy' },
  'compute.associate-address': { role: 'operator', mutates: true, label: 'Associate' },
  'compute.disassociate-address': { role: 'operator', mutates: true, label: 'Disassociate' },
} as const satisfies Record<string, { role: Role; mutates: boolean; label: string }>;

export type ActionName = keyof typeof ACTIONS;
export const actionNameSchema = z.enum(Object.keys(ACTIONS) as [ActionName, ...ActionName[]]);

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** True when `role` carries at least the rights of `required`. */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** Instance types and VM sizes: `m5.large`, `Standard_D2s_v5`. */
export const sizeNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected an instance type or VM size');

/** ECS container names: letters, digits, `-` and `_`, at most 255 (ECS's own rule). */
export const containerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,255}$/, 'expected a container name (letters, digits, - and _)');

/**
 * Container image references as ECS documents them (`repo/name:tag`, `…@sha256:…`): at most
 * 255 characters of letters, digits and `. _ - / : @ #`, starting with a letter or digit, with
 * no empty or `..` path segment, and `@` only before a trailing digest, so a reference cannot
 * smuggle `user:password@registry` into the task definition or the audit log. Anything else
 * (spaces, markup, control characters) is refused.
 */
export const containerImageSchema = z
  .string()
  .refine(
    (image) =>
      /^[A-Za-z0-9][A-Za-z0-9._/:@#-]{0,254}$/.test(image) &&
      !/(^|\/)\.\.?(\/|$|:|@)|\/\//.test(image) &&
      (!image.includes('@') ||
        /^[^@]+@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(image)),
    { message: 'expected a container image reference such as nginx:1.27 or repo/name@sha256:…' },
  );

/** A task definition holds at most 10 containers. */
export const MAX_CONTAINERS = 10;

/** Task-level CPU units and memory MiB, as ECS takes them: decimal strings (`256`, `2048`). */
export const taskCpuSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/, 'expected CPU units such as 256 or 1024');
export const taskMemorySchema = z
  .string()
  .regex(/^[1-9][0-9]{0,6}$/, 'expected memory in MiB such as 512 or 2048');

/**
 * Container name → image. A bad name is reported on the map itself, never echoing the name
 * (it may be markup or huge). `__proto__` is refused before the map is read: a record drops
 * that key silently, so the container it names would vanish from the change rather than be
 * refused.
 */
export const containerImagesSchema = z
  .preprocess(
    (value, ctx) => {
      if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__'))
        ctx.addIssue({
          code: 'custom',
          message: 'expected container names of letters, digits, - and _ (at most 255)',
        });
      return value;
    },
    z.record(z.string(), containerImageSchema),
  )
  .superRefine((images, ctx) => {
    const names = Object.keys(images);
    if (names.some((name) => !containerNameSchema.safeParse(name).success))
      ctx.addIssue({
        code: 'custom',
        message: 'expected container names of letters, digits, - and _ (at most 255)',
      });
    if (names.length > MAX_CONTAINERS)
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_CONTAINERS} containers` });
  });

/**
 * A resource uid as the store keys it (`aws/<account>/<region>/ec2.instance/<id>`): the
 * characters `encodeURIComponent` leaves plus `%` and the four separators, bounded, splitting
 * into five coordinates, none of them a relative path segment.
 */
export const resourceUidSchema = z
  .string()
  .refine(
    (uid) =>
      uid.length <= 2100 &&
      /^[A-Za-z0-9%._~!*'()-]+(\/[A-Za-z0-9%._~!*'()-]+){4}$/.test(uid) &&
      parseResourceUid(uid) !== null &&
      uid.split('/').every((segment) => segment !== '.' && segment !== '..'),
    { message: 'expected a resource uid' },
  );

const taskDefinitionChangeFields = {
  images: containerImagesSchema.optional(),
  cpu: taskCpuSchema.optional(),
  memory: taskMemorySchema.optional(),
};

const changesSomething = (change: {
  images?: Record<string, string> | undefined;
  cpu?: string | undefined;
  memory?: string | undefined;
}) =>
  change.cpu !== undefined ||
  change.memory !== undefined ||
  Object.keys(change.images ?? {}).length > 0;

/**
 * A new task-definition revision as a provider takes it: the same rules as a deploy's
 * parameters, so what the API accepts the provider accepts, and a direct caller of the
 * provider is held to them too.
 */
export const taskDefinitionChangeSchema = z
  .object(taskDefinitionChangeFields)
  .strict()
  .refine(changesSomething, {
    message: 'a task definition change names at least one of images, cpu or memory',
  });

const deployInputSchema = z
  .object({ action: z.literal('compute.deploy'), ...taskDefinitionChangeFields })
  .strict()
  .refine(changesSomething, { message: 'a deploy names at least one of images, cpu or memory' });

/** An action with its parameters, as the API and the CLI accept it. */
export const actionInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('compute.start') }).strict(),
  z.object({ action: z.literal('compute.stop') }).strict(),
  z.object({ action: z.literal('compute.reboot') }).strict(),
  z.object({ action: z.literal('compute.resize'), size: sizeNameSchema }).strict(),
  z
    .object({ action: z.literal('compute.scale'), count: z.number().int().min(0).max(5000) })
    .strict(),
  deployInputSchema,
  z
    .object({
      action: z.literal('compute.associate-address'),
      /** The uid of the `ec2.instance` the address is to point at. */
      instance: resourceUidSchema,
    })
    .strict(),
  z.object({ action: z.literal('compute.disassociate-address') }).strict(),
]);
export type ActionInput = z.infer<typeof actionInputSchema>;

export interface ActionRequest {
  action: ActionName;
  resourceUid: string;
}

export interface ActionResult {
  /** The state the provider reports right after the call (e.g. `stopping`). */
  state: string | null;
  /** Provider detail worth keeping in the audit log (request id, previous state…). */
  detail: Record<string, unknown>;
}
