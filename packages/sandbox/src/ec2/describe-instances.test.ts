import { describe, expect, it } from 'vitest';
import { QueryParams } from '../aws/query-params';
import { seedEstate } from '../estate/seed';
import { describeInstances } from './describe-instances';

/**
 * Calls the operation directly (no HTTP) to check what matters for large estates: a full
 * 1000-instance page renders the same every time (the static part of each instance is cached),
 * and every page is well-formed. How fast it renders is `npm run bench -- sync-ec2`'s business.
 */
describe('describeInstances page building', () => {
  const estate = seedEstate(
    42,
    { accounts: 1, regions: ['us-east-1'], instancesPerRegion: 3000 },
    Date.UTC(2026, 10, 25),
  );
  const account = estate.accounts[0]!;
  const run = (pairs: [string, string][]) =>
    describeInstances(estate, 3000, {
      principal: { accountId: account.id, arn: 'arn', userId: 'id', kind: 'user' },
      region: 'us-east-1',
      params: new QueryParams(pairs),
      requestId: 'req-1',
      now: Date.now(),
    });

  it('renders a full 1000-instance page, identically from the cache on every call', () => {
    const first = run([['MaxResults', '1000']]);
    expect(first.match(/<instanceId>/g)).toHaveLength(1000);
    // The request id is the only part of the body that may differ between two calls.
    const body = (xml: string) => xml.replace(/<requestId>[^<]*<\/requestId>/, '');
    for (let i = 0; i < 3; i++) expect(body(run([['MaxResults', '1000']]))).toBe(body(first));
  });

  it('pages through all instances with tokens, regrouping reservations per page', () => {
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const xml = run([
        ['MaxResults', '1000'],
        ...(token ? ([['NextToken', token]] as [string, string][]) : []),
      ]);
      pages++;
      ids.push(...[...xml.matchAll(/<instanceId>(i-[0-9a-f]+)<\/instanceId>/g)].map((m) => m[1]!));
      token = /<nextToken>([^<]+)<\/nextToken>/.exec(xml)?.[1];
      expect((xml.match(/<reservationId>/g) ?? []).length).toBe(
        new Set(xml.match(/<reservationId>[^<]+/g)).size,
      );
    } while (token);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(3000);
    expect(new Set(ids).size).toBe(3000);
  });
});
