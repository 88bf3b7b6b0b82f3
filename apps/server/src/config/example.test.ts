import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load';

/** The documented example must stay a valid config, or the documentation lies. */
describe('ccx.example.yaml', () => {
  it('loads without errors', () => {
    const file = fileURLToPath(new URL('../../ccx.example.yaml', import.meta.url));
    const config = loadConfig({ file, env: {} });
    expect(config.connections.map(({ name, provider }) => [name, provider])).toEqual([
      ['prod-aws', 'aws'],
      ['prod-gcp', 'gcp'],
      ['prod-azure', 'azure'],
    ]);
    expect(config.insights.compute).toEqual({ rightsizing: 'compute-optimizer' });
    // Where keyless Azure storage signs in, for a connection without a compute section: the
    // public cloud is left to the default, which keeps instance discovery on.
    const azure = config.connections.find(({ name }) => name === 'prod-azure');
    expect(azure).toMatchObject({ tenantId: 'acme.onmicrosoft.com' });
    expect(azure).not.toHaveProperty('authorityHost');
  });
});
