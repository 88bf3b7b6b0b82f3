import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ROLES, roleAllows } from '@ccx/core';
import type { CreatedToken } from '@ccx/api/contract';
import { describeError } from '../../api/errors';
import { createToken, createTokenInputSchema } from '../../api/tokens';
import { useApiClient } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';
import { useRequiredSession } from '../../app/session';
import { NewTokenNotice } from './NewTokenNotice';

/** A token's role can only be at most the creator's, so the select offers no more. */
export function CreateTokenForm() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const { user } = useRequiredSession();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useMutation({
    mutationFn: (input: Parameters<typeof createToken>[1]) => createToken(client, input),
    onSuccess: async (result) => {
      setCreated(result);
      await queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const daysField = data.get('expiresInDays');
    const days = typeof daysField === 'string' ? daysField.trim() : '';
    const parsed = createTokenInputSchema.safeParse({
      name: data.get('name'),
      role: data.get('role'),
      expiresInDays: days ? Number(days) : undefined,
    });
    if (!parsed.success) {
      setFormError(parsed.error.issues[0]?.message ?? 'Check the form');
      return;
    }
    setFormError(null);
    setCreated(null);
    create.mutate(parsed.data, { onSuccess: () => form.reset() });
  };

  return (
    <section className="panel" aria-label="Create API token">
      <h2>Create a token</h2>
      <form className="inline-form wrap" onSubmit={onSubmit} noValidate>
        <label>
          Name
          <input name="name" required maxLength={100} placeholder="ci-pipeline" />
        </label>
        <label>
          Role
          <select name="role" defaultValue={user.role}>
            {ROLES.filter((role) => roleAllows(user.role, role)).map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <label>
          Expires in days
          <input name="expiresInDays" type="number" min={1} max={3650} placeholder="never" />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {formError ? (
        <p role="alert" className="inline-error">
          {formError}
        </p>
      ) : null}
      {create.isError ? (
        <p role="alert" className="inline-error">
          {describeError(create.error)}
        </p>
      ) : null}
      {created ? <NewTokenNotice created={created} onDismiss={() => setCreated(null)} /> : null}
    </section>
  );
}
