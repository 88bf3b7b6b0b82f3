import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load';

/** The documented example must stay a valid config, or the documentation lies. */
describe('ccx.example.yaml', () => {
  it('loads without errors', () => {
    const file = fileURLToPath(new URL('../../ccx.example.yaml', import.meta.url));
    const config = loadConfig({ file, env: {} });
    expect(config.connections).toHaveLength(1);
    expect(config.connections[0]).toMatchObject({ name: 'prod-aws', provider: 'aws' });
  });
});
