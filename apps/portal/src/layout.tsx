import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { User } from './api/types';
import { ROLE_LABELS, useSession } from './auth';
import { Link, navigate, useLocation } from './router';
import { navigationFor } from './routes';
import { useToast } from './toast';

/** The signed-in frame: skip link, navigation (sidebar on wide screens, a menu on phones), main. */
export function Shell({ user, children }: { user: User; children: ReactNode }) {
  const { pathname } = useLocation();
  const { logout } = useSession();
  const { notify } = useToast();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // A new page: close the phone menu and move focus to the content, so screen readers start there.
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  const signOut = async () => {
    try {
      await logout();
      notify('You are signed out.');
    } catch {
      notify('You are signed out on this device.', 'info');
    }
    navigate('/login', { replace: true });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          ChannelKit
        </Link>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen((o) => !o)}>
          Menu
        </button>
      </header>
      <nav id="site-nav" className={`sidebar${menuOpen ? ' open' : ''}`} aria-label="Main">
        <ul>
          {navigationFor(user.role).map((item, _i, all) => {
            // The closest item is current: `/vendor/assets/…` is under Assets, not Overview (`/vendor`).
            const within = (to: string) => pathname === to || pathname.startsWith(to + '/');
            const current = within(item.to) && !all.some((other) => other.to.length > item.to.length && other.to.startsWith(item.to + '/') && within(other.to));
            return (
              <li key={item.to}>
                <Link to={item.to} aria-current={current ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="account">
          <p>
            <span className="account-name">{user.name}</span>
            <span className="account-role">{ROLE_LABELS[user.role]}</span>
          </p>
          <button type="button" className="button secondary" onClick={() => void signOut()} data-testid="logout">
            Sign out
          </button>
        </div>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
