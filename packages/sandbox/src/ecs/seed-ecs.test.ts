import { describe, expect, it } from 'vitest';
import type { SandboxAccount } from '../estate/account';
import { serviceCounts } from './records';
import { settleService } from './rollout';
import { seedEcs } from './seed-ecs';

const accounts: SandboxAccount[] = ['111111111111', '222222222222'].map((id) => ({
  id,
  alias: `a${id[0]}`,
  accessKeyId: 'AKIA',
  secretAccessKey: 'secret',
  roleArn: `arn:aws:iam::${id}:role/ccx-read`,
}));
const regions = ['us-east-1', 'eu-west-1'];
const ANCHOR = Date.UTC(2026, 10, 1);

describe('seeded ECS estate', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const snapshot = (seed: number) =>
      JSON.stringify(
        [...seedEcs(seed, accounts, regions, ANCHOR).allScopes()].map((s) => s.clusters),
      );
    expect(snapshot(7)).toBe(snapshot(7));
    expect(snapshot(7)).not.toBe(snapshot(8));
  });

  it('gives every scope settled services whose task definitions exist', () => {
    const estate = seedEcs(42, accounts, regions, ANCHOR);
    const scopes = [...estate.allScopes()];
    expect(scopes).toHaveLength(accounts.length * regions.length);
    for (const scope of scopes) {
      expect(scope.clusters.map((c) => c.name)).toEqual(['prod-web', 'staging', 'batch']);
      expect(scope.cluster('prod-web')!.services.length).toBeGreaterThan(20);
      for (const cluster of scope.clusters) {
        expect(cluster.arn).toBe(
          `arn:aws:ecs:${scope.key.region}:${scope.key.accountId}:cluster/${cluster.name}`,
        );
        for (const service of cluster.services) {
          if (service.status === 'INACTIVE') continue;
          const [deployment] = service.deployments;
          expect(service.deployments).toHaveLength(1);
          expect(scope.taskDefinitionByArn(deployment!.taskDefinitionArn)).toBeDefined();
          expect(serviceCounts(service)).toEqual({ running: service.desiredCount, pending: 0 });
          // Nothing is left to roll out: settling far in the future changes nothing.
          const before = JSON.stringify(service);
          settleService({ estate, scope: scope.key, transitionMs: 1000 }, service, ANCHOR * 2);
          expect(JSON.stringify(service)).toBe(before);
        }
      }
    }
  });
});
