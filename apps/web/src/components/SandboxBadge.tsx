/** The sandbox is labelled everywhere it appears, so its data is never taken for a real estate. */
export function SandboxBadge() {
  return (
    <span
      className="sandbox-badge"
      data-testid="sandbox-badge"
      title="This installation is connected to the local sandbox estate, not to real clouds"
    >
      SANDBOX
    </span>
  );
}
