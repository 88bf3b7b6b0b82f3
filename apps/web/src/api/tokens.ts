import {
  apiTokenListSchema,
  createdTokenSchema,
  createTokenRequestSchema,
  type ApiToken,
  type CreatedToken,
} from '@ccx/api/contract';
import { z } from 'zod';
import type { ApiClient } from './client';

/** The create form's input: the server's `CreateTokenRequest` with the form's own message. */
export const createTokenInputSchema = createTokenRequestSchema.extend({
  name: z.string().trim().min(1, 'Give the token a name').max(100),
});
export type CreateTokenInput = z.infer<typeof createTokenInputSchema>;

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
