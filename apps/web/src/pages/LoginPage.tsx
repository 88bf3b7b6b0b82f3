import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { getAuthConfig, login, loginInputSchema, oidcLoginUrl } from '../api/auth';
import { describeError, isApiError } from '../api/errors';
import { useApiClient } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { safeReturnTo } from '../app/return-to';
import { ErrorPanel } from '../components/ErrorPanel';

export function LoginPage() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const config = useQuery({ queryKey: queryKeys.authConfig, queryFn: () => getAuthConfig(client) });
  const [formError, setFormError] = useState<string | null>(null);

  const signIn = useMutation({
    mutationFn: (input: { username: string; password: string }) => login(client, input),
    onSuccess: async (session) => {
      queryClient.setQueryData(queryKeys.session, session);
      await navigate(returnTo, { replace: true });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = loginInputSchema.safeParse({
      username: data.get('username'),
      password: data.get('password'),
    });
    if (!parsed.success) {
      setFormError(parsed.error.issues[0]?.message ?? 'Check the form');
      return;
    }
    setFormError(null);
    signIn.mutate(parsed.data);
  };

  const oidc = config.data?.oidc;
  return (
    <main className="login">
      <section className="panel login-panel" aria-labelledby="login-title">
        <h1 id="login-title">Creator&rsquo;s Codex</h1>
        <p className="muted">Sign in to the command center.</p>
        <form onSubmit={onSubmit} noValidate>
          <label>
            Username
            <input name="username" autoComplete="username" autoFocus required />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit" className="primary" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        {formError ? (
          <p role="alert" className="inline-error">
            {formError}
          </p>
        ) : null}
        {signIn.isError ? (
          <p role="alert" className="inline-error">
            {isApiError(signIn.error, 'unauthenticated')
              ? 'Wrong username or password.'
              : isApiError(signIn.error, 'rate_limited')
                ? 'Too many attempts. Wait a minute and try again.'
                : describeError(signIn.error)}
          </p>
        ) : null}
        {oidc?.enabled ? (
          <a className="button sso" href={oidcLoginUrl(client, returnTo)}>
            Sign in with {oidc.name ?? 'single sign-on'}
          </a>
        ) : null}
        {config.isError ? (
          <ErrorPanel error={config.error} title="Sign-in options unavailable" />
        ) : null}
      </section>
    </main>
  );
}
