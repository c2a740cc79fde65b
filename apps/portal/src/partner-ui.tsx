import type { User } from './api/types';
import { Link } from './router';

/** Partner admins change the organisation's data; partner users read it (the API says the same). */
export function canManage(user: User): boolean {
  return user.role === 'partner_admin';
}

/** Sections of one page as links (`?tab=`), so each has an address and Back works. */
export function Tabs({ path, current, tabs, label }: { path: string; current: string; tabs: { key: string; label: string }[]; label: string }) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t, i) => (
        <Link key={t.key} to={i === 0 ? path : `${path}?tab=${t.key}`} aria-current={current === t.key ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** Opens a short-lived download URL the way a link click would (a popup blocker lets this through). */
export function openDownload(url: string, fileName?: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  if (fileName) a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

/** "Jane Doe", or the email when the name is unknown. */
export function personName(p: { firstName: string | null; lastName: string | null; email: string }): string {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return name || p.email;
}

/** Problems of one field, including nested ones the API names `field.sub` or `field[0]`. */
export function fieldProblems(fields: Record<string, string[]>, field: string): string | undefined {
  const problems = Object.entries(fields)
    .filter(([name]) => name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`))
    .flatMap(([, p]) => p);
  return problems.length > 0 ? problems.join(' ') : undefined;
}
