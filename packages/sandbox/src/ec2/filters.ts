import { invalidParameterValue } from '../aws/aws-error';
import type { QueryParams } from '../aws/query-params';
import {
  INSTANCE_STATE_CODES,
  shownPublicIp,
  type InstanceRecord,
  type InstanceStateName,
} from '../estate/instance';

/** What a filter tests: the instance and its state as resolved for this request. */
type FilterSubject = { instance: InstanceRecord; state: InstanceStateName };
type Extract = (subject: FilterSubject) => readonly (string | null)[];

/** DescribeInstances filters the sandbox understands, by name; `tag:<key>` is handled apart. */
const FILTER_FIELDS: Readonly<Record<string, Extract>> = {
  'instance-state-name': ({ state }) => [state],
  'instance-state-code': ({ state }) => [String(INSTANCE_STATE_CODES[state])],
  'instance-id': ({ instance }) => [instance.id],
  'instance-type': ({ instance }) => [instance.instanceType],
  'availability-zone': ({ instance }) => [instance.availabilityZone],
  'vpc-id': ({ instance }) => [instance.vpcId],
  'subnet-id': ({ instance }) => [instance.subnetId],
  'image-id': ({ instance }) => [instance.imageId],
  architecture: ({ instance }) => [instance.architecture],
  'platform-details': ({ instance }) => [instance.platformDetails],
  platform: ({ instance }) => [instance.platform],
  'private-ip-address': ({ instance }) => [instance.privateIpAddress],
  'ip-address': ({ instance, state }) => [shownPublicIp(instance, state)],
  'reservation-id': ({ instance }) => [instance.reservationId],
  'owner-id': ({ instance }) => [instance.accountId],
  'key-name': ({ instance }) => [instance.keyName],
  'instance-lifecycle': ({ instance }) => [instance.instanceLifecycle],
  'block-device-mapping.volume-id': ({ instance }) => instance.blockDevices.map((d) => d.volumeId),
  'tag-key': ({ instance }) => instance.tags.map((tag) => tag.key),
  'tag-value': ({ instance }) => instance.tags.map((tag) => tag.value),
};

/** EC2 filter values allow `*` (any run) and `?` (one character); everything else is literal. */
function valueMatcher(pattern: string): (value: string) => boolean {
  if (!/[*?]/.test(pattern)) return (value) => value === pattern;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const regex = new RegExp(`^${source}$`, 's');
  return (value) => regex.test(value);
}

/** True when `value` matches one of the filter values (wildcards included). */
export function matchesAny(patterns: readonly string[], value: string): boolean {
  return patterns.some((pattern) => valueMatcher(pattern)(value));
}

export type InstancePredicate = (subject: FilterSubject) => boolean;

/** A resource's values for each filter name it supports; `tag:<key>` comes from `tags`. */
export interface FilterFields<T> {
  fields: Readonly<Record<string, (subject: T) => readonly (string | null)[]>>;
  tags: (subject: T) => readonly { key: string; value: string }[];
}

/**
 * Compiles `Filter.N.Name` / `Filter.N.Value.M` into one predicate: values of a filter are OR'd,
 * filters are AND'd, as the EC2 API documents. An unknown filter name is InvalidParameterValue.
 */
export function compileFilterSet<T>(
  params: QueryParams,
  { fields, tags }: FilterFields<T>,
): (subject: T) => boolean {
  const predicates: ((subject: T) => boolean)[] = [];
  for (const index of params.indexes('Filter')) {
    const name = params.get(`Filter.${index}.Name`);
    if (!name) throw invalidParameterValue(`The filter 'null' is invalid`);
    const matchers = params.list(`Filter.${index}.Value`).map(valueMatcher);
    const tagKey = name.startsWith('tag:') ? name.slice(4) : null;
    const extract =
      tagKey !== null
        ? (subject: T) =>
            tags(subject)
              .filter((tag) => tag.key === tagKey)
              .map((tag) => tag.value)
        : Object.hasOwn(fields, name)
          ? fields[name]
          : undefined;
    if (!extract) throw invalidParameterValue(`The filter '${name}' is invalid`);
    predicates.push((subject) =>
      extract(subject).some((value) => value !== null && matchers.some((match) => match(value))),
    );
  }
  return (subject) => predicates.every((predicate) => predicate(subject));
}

/** DescribeInstances filters. */
export function compileFilters(params: QueryParams): InstancePredicate {
  return compileFilterSet(params, {
    fields: FILTER_FIELDS,
    tags: ({ instance }) => instance.tags,
  });
}
