import type { ApiClient } from './client';
import { apiTokenListSchema, createdTokenSchema } from './schemas/tokens';
import type { ApiToken, CreatedToken, CreateTokenInput } from './schemas/tokens';

export async function listTokens(client: ApiClient): Promise<ApiToken[]> {
  const { items } = await client.request('/api/tokens', apiTokenListSchema);
  return items;
}

export function createToken(client: ApiClient, input: CreateTokenInput): Promise<CreatedToken> {
  return client.request('/api/tokens', createdTokenSchema, { method: 'POST', body: input });
}

export function revokeToken(client: ApiClient, id: string): Promise<void> {
  return client.send(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
