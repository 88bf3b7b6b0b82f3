import { useRequiredSession } from '../../app/session';
import { CreateTokenForm } from './CreateTokenForm';
import { TokenList } from './TokenList';

export function SettingsPage() {
  const { user } = useRequiredSession();
  return (
    <div className="page">
      <header className="page-header">
        <h1>Settings</h1>
        <span className="muted">
          {user.username} · {user.role}
        </span>
      </header>
      <p className="lead">
        API tokens act for you from scripts and the <code>ccx</code> command, with at most your
        role. Send one as <code>Authorization: Bearer …</code>.
      </p>
      <CreateTokenForm />
      <TokenList />
    </div>
  );
}
