/**
 * An account in a table or a summary: the alias, then the id in muted text, with the id as the
 * tooltip; the bare id when no alias is known. Aliases come from the server, never guessed.
 */
export function AccountName({
  account,
  alias,
}: {
  account: string;
  alias: string | null | undefined;
}) {
  if (!alias) return <>{account}</>;
  return (
    <span title={`Account ${account}`} data-account={account}>
      {alias} <span className="muted">{`(${account})`}</span>
    </span>
  );
}
