import { describe, expect, it } from 'vitest';
import { makeResource, parseResourceUid, resourceUid } from './resource';

describe('resourceUid', () => {
  it('joins the five coordinates in order', () => {
    expect(
      resourceUid({
        provider: 'aws',
        account: '111111111111',
        region: 'us-east-1',
        type: 'ec2.instance',
        id: 'i-0abc',
      }),
    ).toBe('aws/111111111111/us-east-1/ec2.instance/i-0abc');
  });

  it('round-trips ids that contain separators and hostile characters', () => {
    const ref = {
      provider: 'gcp',
      account: 'my-project',
      region: 'europe-west1',
      type: 'gcs.object',
      id: '../../etc/passwd <script>%2F?#',
    } as const;
    const uid = resourceUid(ref);
    expect(uid.split('/')).toHaveLength(5);
    expect(parseResourceUid(uid)).toEqual(ref);
  });

  it('rejects malformed uids instead of guessing', () => {
    expect(parseResourceUid('aws/1/us-east-1/ec2.instance')).toBeNull();
    expect(parseResourceUid('nope/1/r/t/i')).toBeNull();
    expect(parseResourceUid('aws/1/r/t/%E0%A4%A')).toBeNull();
    expect(parseResourceUid('aws//r/t/i')).toBeNull();
  });

  it('makeResource derives the uid from the coordinates', () => {
    const resource = makeResource({
      provider: 'aws',
      account: '1',
      region: 'eu-west-1',
      type: 'ec2.instance',
      id: 'i-1',
      name: null,
      state: 'running',
      tags: {},
      createdAt: null,
      attributes: {},
    });
    expect(resource.uid).toBe('aws/1/eu-west-1/ec2.instance/i-1');
  });
});
