import type { Section } from '../components/sections';
import { NotConnected } from '../components/NotConnected';

/** A module without an API yet: its purpose, and an honest "not connected" panel. */
export function SectionPage({ section }: { section: Section }) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>
          {section.title} <span className="subtitle">{section.subtitle}</span>
        </h1>
      </header>
      <p className="lead">{section.summary}</p>
      <NotConnected title={section.title} />
    </div>
  );
}
