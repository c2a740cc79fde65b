import { StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { homeFor, SessionProvider, useSession } from './auth';
import { Shell } from './layout';
import { ForbiddenPage } from './pages/forbidden';
import { LoginPage } from './pages/login';
import { NotFoundPage } from './pages/not-found';
import { matchPath, navigate, useLocation } from './router';
import { AUDIENCE_ROLES, ROUTES } from './routes';
import { ToastProvider } from './toast';
import { Loading } from './ui';
import './styles.css';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function App() {
  const { user } = useSession();
  const { pathname, search } = useLocation();

  if (user === undefined) return <Loading label="Signing you in…" />;
  if (pathname === '/login') return user ? <Redirect to={safeNext(search.get('next')) ?? homeFor(user)} /> : <LoginPage />;
  if (!user) return <Redirect to={pathname === '/' ? '/login' : `/login?next=${encodeURIComponent(pathname + (search.toString() ? `?${search.toString()}` : ''))}`} />;
  if (pathname === '/') return <Redirect to={homeFor(user)} />;

  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    const Page = route.page;
    return (
      <Shell user={user}>
        {AUDIENCE_ROLES[route.audience].includes(user.role) ? (
          <Suspense fallback={<Loading label="Loading the page…" />}>
            <Page params={params} />
          </Suspense>
        ) : (
          <ForbiddenPage audience={route.audience} />
        )}
      </Shell>
    );
  }
  return (
    <Shell user={user}>
      <NotFoundPage />
    </Shell>
  );
}

/** Only a path inside the portal, never another origin. */
function safeNext(next: string | null): string | undefined {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : undefined;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ToastProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </ToastProvider>
  </StrictMode>,
);
