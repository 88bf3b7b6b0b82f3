import { NavLink } from 'react-router';
import { SECTIONS } from './sections';

export function Sidebar() {
  const link = ({ isActive }: { isActive: boolean }) => (isActive ? 'nav-link active' : 'nav-link');
  return (
    <nav className="sidebar" aria-label="Sections">
      <NavLink to="/" end className={link}>
        Overview
      </NavLink>
      <NavLink to="/inventory" className={link}>
        Inventory
      </NavLink>
      <div className="nav-group" role="presentation">
        Modules
      </div>
      {SECTIONS.map((section) => (
        <NavLink key={section.path} to={section.path} className={link}>
          <span className="nav-title">{section.title}</span>
          <span className="nav-subtitle">{section.subtitle}</span>
        </NavLink>
      ))}
      <div className="nav-group" role="presentation">
        Account
      </div>
      <NavLink to="/settings" className={link}>
        Settings
      </NavLink>
    </nav>
  );
}
