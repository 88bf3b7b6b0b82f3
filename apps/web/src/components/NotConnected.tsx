import type { ReactNode } from 'react';

/**
 * Shown where a module has no API yet. It says so plainly; it never shows placeholder figures
 * that could be mistaken for data.
 */
export function NotConnected({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section
      className="panel not-connected"
      data-testid="not-connected"
      aria-label={`${title}: not connected yet`}
    >
      <h2>Not connected yet</h2>
      <p>
        {title} has no data source in this installation yet. Nothing on this page is estimated or
        sample data.
      </p>
      {children}
    </section>
  );
}
