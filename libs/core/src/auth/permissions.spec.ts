import fs from 'node:fs';
import path from 'node:path';
import { Action, ACTIONS, can, PERMISSIONS, roleTableMarkdown } from './permissions';
import { ROLES } from './roles';

describe('the permissions table', () => {
  it('is the table in the README, word for word (paste the expected text between the role-table markers)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    const documented = /<!-- role-table:start -->\n([\s\S]*?)\n<!-- role-table:end -->/.exec(readme)?.[1];
    expect(documented).toBe(roleTableMarkdown());
  });

  it('gives a partner user the marketing work and keeps money, the profile and users with the partner admin', () => {
    const marketing: Action[] = ['launch-kits', 'manage-launches', 'manage-contacts', 'manage-audiences', 'manage-enrolments', 'enrol-own-contacts', 'share-leads', 'set-lead-status', 'register-deals', 'close-deals'];
    const adminOnly: Action[] = ['submit-mdf-requests', 'submit-mdf-claims', 'edit-partner-profile', 'manage-partner-users', 'manage-sending-domains', 'set-auto-launch'];
    expect(marketing.filter((a) => !can('partner_user', a) || !can('partner_admin', a))).toEqual([]);
    expect(adminOnly.filter((a) => can('partner_user', a) || !can('partner_admin', a))).toEqual([]);
  });

  it('never lets a partner role do vendor work', () => {
    const vendorWork: Action[] = ['author-brand', 'author-kits', 'author-sequences', 'decide-deals', 'decide-mdf-requests', 'review-mdf-claims', 'manage-mdf-programs', 'manage-assets', 'read-program-reports', 'read-audit-log', 'manage-tiers', 'manage-vendor-users', 'create-partners'];
    expect(vendorWork.filter((a) => can('partner_admin', a) || can('partner_user', a))).toEqual([]);
  });

  it('names each role at most once per action, and only known roles, with a label a person reads', () => {
    for (const action of ACTIONS) {
      const { roles, label } = PERMISSIONS[action];
      expect({ action, roles: [...new Set(roles)].length, unknown: roles.filter((r) => !ROLES.includes(r)) }).toEqual({ action, roles: roles.length, unknown: [] });
      expect(label).toMatch(/^[A-Z]/);
      expect(label).not.toContain('|');
    }
  });
});
