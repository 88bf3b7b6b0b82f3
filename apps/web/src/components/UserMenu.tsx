import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { logout } from '../api/auth';
import { useApiClient } from '../app/api-context';
import { useRequiredSession } from '../app/session';
import { ErrorPanel } from './ErrorPanel';

export function UserMenu() {
  const { user } = useRequiredSession();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => logout(client),
    onSuccess: async () => {
      // Drop every cached answer: the next person at this browser must not see them.
      queryClient.clear();
      await navigate('/login');
    },
  });

  return (
    <details className="user-menu">
      <summary aria-label="User menu">
        <span className="user-name">{user.displayName ?? user.username}</span>
        <span className="role-badge" data-testid="user-role">
          {user.role}
        </span>
      </summary>
      <div className="user-menu-body">
        <p className="muted">
          Signed in as <strong>{user.username}</strong> ({user.role})
        </p>
        <Link to="/settings">API tokens</Link>
        <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out
        </button>
        {signOut.isError ? <ErrorPanel error={signOut.error} title="Sign out failed" /> : null}
      </div>
    </details>
  );
}
