import { NavLink } from 'react-router';
import { AREA_GROUPS } from './areas';

/** The left navigation: every area, grouped; areas still being built say "Soon". */
export function SideNav() {
  return (
    <nav className="sidenav" aria-label="Areas">
      {AREA_GROUPS.map((group) => (
        <div className="sidenav__group" key={group.heading ?? 'home'}>
          {group.heading && <p className="sidenav__heading">{group.heading}</p>}
          <ul className="sidenav__list">
            {group.areas.map((area) => (
              <li key={area.path}>
                <NavLink
                  to={area.path}
                  end={area.path === '/'}
                  className={({ isActive }) => (isActive ? 'sidenav__link sidenav__link--active' : 'sidenav__link')}
                >
                  <span>{area.label}</span>
                  {area.coming && <span className="sidenav__soon">Soon</span>}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
