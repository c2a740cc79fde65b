import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call, onUnauthorized, sessionToken } from './api/client';
import type { Role, User } from './api/types';
import { PERMISSIONS } from './permissions';

export const PARTNER_ROLES: readonly Role[] = ['partner_admin', 'partner_user'];
export const VENDOR_ROLES: readonly Role[] = ['vendor_admin', 'vendor_marketer', 'channel_manager', 'finance'];
/** Who works the claim review queue (the API's permissions table). */
export const FINANCE_ROLES: readonly Role[] = PERMISSIONS['read-mdf-finance'].roles;

export const ROLE_LABELS: Record<Role, string> = {
  vendor_admin: 'Vendor admin',
  vendor_marketer: 'Vendor marketer',
  channel_manager: 'Channel manager',
  finance: 'Finance',
  partner_admin: 'Partner admin',
  partner_user: 'Partner user',
};

export function isPartner(user: User): boolean {
  return PARTNER_ROLES.includes(user.role);
}

/** Where each role starts. */
export function homeFor(user: User): string {
  if (isPartner(user)) return '/home';
  if (user.role === 'finance') return '/finance';
  return '/vendor';
}

interface Session {
  /** undefined while the stored session is being checked. */
  user: User | null | undefined;
  login: (email: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session>({ user: null, login: () => Promise.reject(new Error('no session')), logout: () => Promise.resolve() });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(sessionToken.get() ? undefined : null);

  useEffect(() => onUnauthorized(() => setUser(null)), []);
  useEffect(() => {
    if (!sessionToken.get()) return;
    call(api.GET('/api/v1/auth/me')).then(setUser, () => {
      sessionToken.clear();
      setUser(null);
    });
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const session = await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
    sessionToken.set(session.token);
    setUser(session.user);
    return session.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await call(api.POST('/api/v1/auth/logout'));
    } finally {
      sessionToken.clear();
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

/** The signed-in user, for pages rendered behind the route guard. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser outside a signed-in page');
  return user;
}
