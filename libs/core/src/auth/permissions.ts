import { ROLES, type Role } from './roles';

/**
 * What each role may do: the one table the api's guard enforces (every route names one action
 * with `@Can`), the portal reads to show or hide an action, and the README's role table is
 * checked against. Partner roles always act on their own partner only; the services enforce that
 * scope, this table says who may act at all.
 *
 * The partner split: a partner admin runs the partner (profile and logo, sending domains,
 * auto-launch, users, MDF money); a partner user is the partner's marketer (launches, contacts,
 * audiences, enrolments, leads and the deals they produce). Marking a deal won or lost stays with
 * whoever may register it: it is the outcome of the marketer's own registration and moves no
 * money, and leaving it to the admin alone would leave deals open that the marketer knows closed.
 *
 * This file imports nothing but the role list, so the portal can import it too.
 */

export const PERMISSION_AREAS = ['Account', 'Partners', 'Brand and templates', 'Kits and launches', 'Contacts and nurture', 'Leads and deals', 'MDF', 'Assets', 'Reporting'] as const;
export type PermissionArea = (typeof PERMISSION_AREAS)[number];

export interface Permission {
  area: PermissionArea;
  /** What a person reads in the README and the portal. */
  label: string;
  roles: readonly Role[];
}

const ALL = ROLES;
const VENDOR = ['vendor_admin', 'vendor_marketer', 'channel_manager', 'finance'] as const;
const PARTNER = ['partner_admin', 'partner_user'] as const;
const AUTHORS = ['vendor_admin', 'vendor_marketer'] as const;
/** Partners for themselves; vendor marketers and channel managers on a partner's behalf. */
const CAMPAIGNERS = ['vendor_admin', 'vendor_marketer', 'channel_manager', 'partner_admin', 'partner_user'] as const;
/** Partner admins for themselves; vendor admins and channel managers on a partner's behalf. */
const PARTNER_RUNNERS = ['vendor_admin', 'channel_manager', 'partner_admin'] as const;
const MDF_MAKERS = ['channel_manager', 'partner_admin'] as const;

export const PERMISSIONS = {
  'use-account': { area: 'Account', label: 'Sign out, see their own account, create and revoke their own API tokens', roles: ALL },

  'read-partners': { area: 'Partners', label: 'See partners (a partner: its own), their logos and users', roles: ALL },
  'create-partners': { area: 'Partners', label: 'Create partners', roles: ['vendor_admin', 'channel_manager'] },
  'edit-partner-profile': { area: 'Partners', label: "Edit a partner's profile and upload its logo", roles: PARTNER_RUNNERS },
  'manage-partner-users': { area: 'Partners', label: "Invite and disable a partner's users", roles: PARTNER_RUNNERS },
  'manage-sending-domains': { area: 'Partners', label: "Set up a partner's sending domains", roles: ['vendor_admin', 'partner_admin'] },
  'set-auto-launch': { area: 'Partners', label: 'Opt a partner in or out of automatic launches', roles: PARTNER_RUNNERS },
  'read-tiers': { area: 'Partners', label: 'See tiers', roles: VENDOR },
  'manage-tiers': { area: 'Partners', label: 'Create and edit tiers', roles: ['vendor_admin'] },
  'manage-vendor-users': { area: 'Partners', label: 'See and invite vendor users', roles: ['vendor_admin'] },

  'use-templates': { area: 'Brand and templates', label: 'See the brand kit and templates; preview, check, test-send and render co-branded versions', roles: ALL },
  'author-brand': { area: 'Brand and templates', label: 'Edit the brand kit; create, edit and publish templates', roles: AUTHORS },

  'read-kits': { area: 'Kits and launches', label: 'See kits (a partner: its catalog)', roles: ALL },
  'author-kits': { area: 'Kits and launches', label: 'Create, edit, publish and retire kits', roles: AUTHORS },
  'read-kit-results': { area: 'Kits and launches', label: "See a kit's results across partners", roles: VENDOR },
  'launch-kits': { area: 'Kits and launches', label: 'Launch a kit (a vendor role: on a partner’s behalf)', roles: CAMPAIGNERS },
  'read-launches': { area: 'Kits and launches', label: 'See launches, their results, link statistics and auto-launch settings', roles: ALL },
  'manage-launches': { area: 'Kits and launches', label: 'Pause, resume and end launches', roles: CAMPAIGNERS },
  'read-messages': { area: 'Kits and launches', label: 'See sent emails and their delivery', roles: ALL },

  'manage-contacts': { area: 'Contacts and nurture', label: 'Import, add, edit and delete contacts', roles: PARTNER },
  'manage-audiences': { area: 'Contacts and nurture', label: 'Create, edit and delete audiences', roles: PARTNER },
  'read-partner-audiences': { area: 'Contacts and nurture', label: "See a partner's audiences (to launch on its behalf)", roles: ['vendor_admin', 'vendor_marketer', 'channel_manager'] },
  'read-sequences': { area: 'Contacts and nurture', label: 'See nurture sequences and their results', roles: CAMPAIGNERS },
  'author-sequences': { area: 'Contacts and nurture', label: 'Create, edit, publish, pause and delete nurture sequences', roles: AUTHORS },
  'manage-enrolments': { area: 'Contacts and nurture', label: 'Enrol and unenrol people in sequences, see enrolments', roles: CAMPAIGNERS },
  'enrol-own-contacts': { area: 'Contacts and nurture', label: 'Enrol own contacts from a CSV file, mark that a contact replied', roles: PARTNER },

  'read-leads': { area: 'Leads and deals', label: 'See leads (a vendor role: those shared with the vendor)', roles: ALL },
  'share-leads': { area: 'Leads and deals', label: 'Share a lead with the vendor', roles: PARTNER },
  'set-lead-status': { area: 'Leads and deals', label: "Set a lead's pipeline status", roles: ['vendor_admin', 'channel_manager', 'partner_admin', 'partner_user'] },
  'read-deals': { area: 'Leads and deals', label: 'See and export deal registrations', roles: ALL },
  'register-deals': { area: 'Leads and deals', label: 'Register a deal (a channel manager: on a partner’s behalf)', roles: ['channel_manager', 'partner_admin', 'partner_user'] },
  'close-deals': { area: 'Leads and deals', label: 'Mark a registered deal won or lost', roles: ['channel_manager', 'partner_admin', 'partner_user'] },
  'decide-deals': { area: 'Leads and deals', label: 'Work the conflict queue: approve, reject and extend deals', roles: ['vendor_admin', 'channel_manager'] },
  'manage-vendor-opportunities': { area: 'Leads and deals', label: "Record and close the vendor's own opportunities", roles: ['vendor_admin', 'channel_manager'] },
  'import-crm-deals': { area: 'Leads and deals', label: 'Import deal outcomes from the CRM (CSV)', roles: ['vendor_admin'] },
  'manage-deal-webhooks': { area: 'Leads and deals', label: 'Manage deal webhooks', roles: ['vendor_admin'] },

  'read-mdf': { area: 'MDF', label: 'See MDF programs, funds, requests, claims and their files (a partner: its own)', roles: ALL },
  'manage-mdf-programs': { area: 'MDF', label: 'Create MDF programs, allocate and adjust funds', roles: ['vendor_admin'] },
  'read-mdf-program-metrics': { area: 'MDF', label: "See an MDF program's metrics across partners", roles: ['vendor_admin', 'channel_manager', 'finance'] },
  'submit-mdf-requests': { area: 'MDF', label: 'Create and resubmit MDF pre-approval requests', roles: MDF_MAKERS },
  'decide-mdf-requests': { area: 'MDF', label: 'Approve, reject or ask about MDF requests', roles: ['channel_manager'] },
  'submit-mdf-claims': { area: 'MDF', label: 'Upload and delete proof files, submit and resubmit MDF claims', roles: MDF_MAKERS },
  'read-mdf-finance': { area: 'MDF', label: 'See the claim review queue, export payables', roles: ['vendor_admin', 'finance'] },
  'review-mdf-claims': { area: 'MDF', label: 'Approve, reject, query and mark MDF claims paid', roles: ['finance'] },

  'use-library': { area: 'Assets', label: 'Browse, preview and download the asset library (a partner: what it may use)', roles: ALL },
  'read-assets': { area: 'Assets', label: 'See every asset, its versions, usage and the expiry and download reports', roles: ['vendor_admin', 'vendor_marketer', 'channel_manager', 'finance'] },
  'manage-assets': { area: 'Assets', label: 'Create, edit, version, extend and archive assets', roles: ['vendor_admin', 'vendor_marketer', 'channel_manager'] },

  'read-program-reports': { area: 'Reporting', label: 'See the program dashboard and partner metrics', roles: VENDOR },
  'read-audit-log': { area: 'Reporting', label: 'See the audit log', roles: ['vendor_admin', 'finance'] },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function rolesFor(action: Action): readonly Role[] {
  return PERMISSIONS[action].roles;
}

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action].roles as readonly Role[]).includes(role);
}

/** How the README names each role (columns of the role table). */
export const ROLE_TITLES: Record<Role, string> = {
  vendor_admin: 'Vendor admin',
  vendor_marketer: 'Vendor marketer',
  channel_manager: 'Channel manager',
  finance: 'Finance',
  partner_admin: 'Partner admin',
  partner_user: 'Partner user',
};

/**
 * The README's role table, in Markdown. `libs/core/src/auth/permissions.spec.ts` fails when the
 * README's copy differs, and prints this one to paste.
 */
export function roleTableMarkdown(): string {
  const header = `| Area | May … | ${ROLES.map((r) => ROLE_TITLES[r]).join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  // The area is named on its first row only, so the table reads as groups.
  const rows = PERMISSION_AREAS.flatMap((area) =>
    ACTIONS.filter((a) => PERMISSIONS[a].area === area).map((a, i) => `| ${i === 0 ? `**${area}**` : ''} | ${PERMISSIONS[a].label} | ${ROLES.map((r) => (can(r, a) ? '✓' : '')).join(' | ')} |`),
  );
  return [header, rule, ...rows].join('\n');
}
