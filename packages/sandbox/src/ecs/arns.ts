/** ECS ARNs in the long format every account has used since 2021. */

export interface EcsScopeKey {
  accountId: string;
  region: string;
}

const prefix = (scope: EcsScopeKey) => `arn:aws:ecs:${scope.region}:${scope.accountId}:`;

export const clusterArn = (scope: EcsScopeKey, cluster: string) =>
  `${prefix(scope)}cluster/${cluster}`;
export const serviceArn = (scope: EcsScopeKey, cluster: string, service: string) =>
  `${prefix(scope)}service/${cluster}/${service}`;
export const taskArn = (scope: EcsScopeKey, cluster: string, taskId: string) =>
  `${prefix(scope)}task/${cluster}/${taskId}`;
export const taskDefinitionArn = (scope: EcsScopeKey, family: string, revision: number) =>
  `${prefix(scope)}task-definition/${family}:${revision}`;

/** What an ECS ARN names, or null when it is not an ARN of this scope. */
export type ParsedEcsArn =
  | { kind: 'cluster'; cluster: string }
  | { kind: 'service'; cluster: string | null; service: string }
  | { kind: 'task'; cluster: string | null; task: string }
  | { kind: 'task-definition'; family: string; revision: number | null }
  | { kind: 'other' };

/**
 * Parses an ARN of the caller's scope. An ARN of another account or region names nothing
 * here, exactly like a name that does not exist, so it returns null.
 */
export function parseEcsArn(scope: EcsScopeKey, value: string): ParsedEcsArn | null {
  const head = prefix(scope);
  if (!value.startsWith(head)) return null;
  const rest = value.slice(head.length);
  const slash = rest.indexOf('/');
  if (slash === -1) return { kind: 'other' };
  const kind = rest.slice(0, slash);
  const parts = rest.slice(slash + 1).split('/');
  switch (kind) {
    case 'cluster':
      return parts.length === 1 && parts[0] ? { kind, cluster: parts[0] } : { kind: 'other' };
    case 'service':
    case 'task': {
      const [first, second] = parts;
      if (parts.length === 1 && first) {
        return kind === 'service'
          ? { kind, cluster: null, service: first }
          : { kind, cluster: null, task: first };
      }
      if (parts.length === 2 && first && second) {
        return kind === 'service'
          ? { kind, cluster: first, service: second }
          : { kind, cluster: first, task: second };
      }
      return { kind: 'other' };
    }
    case 'task-definition': {
      const ref = parseTaskDefinitionName(parts.join('/'));
      return ref ? { kind, ...ref } : { kind: 'other' };
    }
    default:
      return { kind: 'other' };
  }
}

const FAMILY = /^[a-zA-Z0-9_-]{1,255}$/;

export function isValidFamily(family: string): boolean {
  return FAMILY.test(family);
}

/** `family` or `family:revision`. */
export function parseTaskDefinitionName(
  value: string,
): { family: string; revision: number | null } | null {
  const colon = value.lastIndexOf(':');
  if (colon === -1) return FAMILY.test(value) ? { family: value, revision: null } : null;
  const family = value.slice(0, colon);
  const revisionText = value.slice(colon + 1);
  if (!FAMILY.test(family) || !/^[1-9]\d{0,8}$/.test(revisionText)) return null;
  return { family, revision: Number(revisionText) };
}
