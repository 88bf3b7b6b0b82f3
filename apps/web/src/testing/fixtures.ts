import type { ResourceDetail, SessionInfo, Status } from '@ccx/api/contract';

/** Answers shaped as docs/api.md documents them, for seeding render tests. */
export function sessionFor(role: SessionInfo['user']['role']): SessionInfo {
  return {
    user: {
      id: 'u1',
      username: 'ada',
      displayName: 'Ada Lovelace',
      role,
      sso: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      disabledAt: null,
    },
    csrfToken: 'csrf',
  };
}

export function statusWith(sandbox: boolean): Status {
  return {
    resources: { total: 3, byProvider: { aws: 3 } },
    lastSync: null,
    connections: [{ name: 'demo-aws', provider: 'aws', sandbox }],
    accounts: [{ provider: 'aws', account: '111122223333', alias: 'prod', connection: 'demo-aws' }],
    sandbox,
    version: '0.1.0',
  };
}

export function instance(overrides: Partial<ResourceDetail> = {}): ResourceDetail {
  return {
    uid: 'aws/111122223333/us-east-1/ec2.instance/i-0abc',
    provider: 'aws',
    account: '111122223333',
    region: 'us-east-1',
    type: 'ec2.instance',
    id: 'i-0abc',
    name: 'web-1',
    state: 'running',
    tags: { env: 'prod' },
    createdAt: '2026-01-02T03:04:05Z',
    attributes: { instanceType: 't3.micro' },
    connection: 'demo-aws',
    accountAlias: null,
    firstSeenAt: '2026-11-01T00:00:00Z',
    lastSeenAt: '2026-11-25T00:00:00Z',
    updatedAt: '2026-11-20T00:00:00Z',
    deletedAt: null,
    actions: [],
    ...overrides,
  };
}
