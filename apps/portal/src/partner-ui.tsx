import type { ReactNode } from 'react';
import type { User } from './api/types';
import { ROLE_LABELS } from './auth';
import { PERMISSIONS, roleCan, type Action } from './permissions';
import { Link } from './router';

/**
 * Whether the signed-in user may take an action: the same table the API's guard enforces, so a
 * button is shown exactly when the API would accept it.
 */
export function can(user: User, action: Action): boolean {
  return roleCan(user.role, action);
}

/** The partner roles that may take an action, in words ("partner admins"). */
export function partnerRolesThatCan(action: Action): string {
  const names = PERMISSIONS[action].roles.filter((r) => r === 'partner_admin' || r === 'partner_user').map((r) => `${ROLE_LABELS[r].toLowerCase()}s`);
  return names.length === 0 ? 'the vendor team' : names.join(' and ');
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * Said where actions are hidden from this user: who takes them instead, in the table's own words
 * ("Partner admins can … ; ask one of them."). The actions share their partner roles.
 */
export function WhoCan({ actions, children }: { actions: readonly [Action, ...Action[]]; children?: ReactNode }) {
  const who = partnerRolesThatCan(actions[0]);
  const what = actions.map((a) => lowerFirst(PERMISSIONS[a].label)).join(', and ');
  return (
    <p className="notice" role="note" data-testid={`who-can-${actions[0]}`}>
      {who.charAt(0).toUpperCase() + who.slice(1)} can {what}; ask one of them. {children}
    </p>
  );
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
