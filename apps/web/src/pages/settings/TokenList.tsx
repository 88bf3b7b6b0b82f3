import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ApiToken } from '@ccx/api/contract';
import { describeError } from '../../api/errors';
import { listTokens, revokeToken } from '../../api/tokens';
import { useApiClient } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Time } from '../../components/Time';

export function TokenList() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: queryKeys.tokens, queryFn: () => listTokens(client) });
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => revokeToken(client, id),
    onSettled: async () => {
      setRevoking(null);
      await queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });
  const cancel = useCallback(() => setRevoking(null), []);

  return (
    <section className="panel" aria-label="API tokens">
      <h2>API tokens</h2>
      {tokens.isError ? (
        <ErrorPanel error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : null}
      {revoke.isError ? (
        <p role="alert" className="inline-error">
          Revoke failed: {describeError(revoke.error)}
        </p>
      ) : null}
      {tokens.data ? (
        tokens.data.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" aria-label="Tokens">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.map((token) => (
                  <tr key={token.id} data-testid="token-row">
                    <td>{token.name}</td>
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>{token.role}</td>
                    <td>
                      <Time value={token.createdAt} />
                    </td>
                    <td>
                      <Time value={token.expiresAt} />
                    </td>
                    <td>
                      <Time value={token.lastUsedAt} />
                    </td>
                    <td>
                      {token.revokedAt ? (
                        <span className="badge badge-bad">revoked</span>
                      ) : (
                        <span className="badge badge-ok">active</span>
                      )}
                    </td>
                    <td>
                      {token.revokedAt ? null : (
                        <button type="button" onClick={() => setRevoking(token)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke token ${revoking.name} ?`}
          confirmLabel="Revoke"
          busy={revoke.isPending}
          onCancel={cancel}
          onConfirm={() => revoke.mutate(revoking.id)}
        >
          <p>Anything using this token stops working at once.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
