import type { ComponentType } from 'react';
import type { Role } from './api/types';
import { FINANCE_ROLES, PARTNER_ROLES, VENDOR_ROLES } from './auth';
import { CatalogPage } from './pages/catalog';
import { FinanceClaimPage } from './pages/finance-claim';
import { FinanceHomePage } from './pages/finance-home';
import { KitPage } from './pages/kit';
import { LaunchPage } from './pages/launch';
import { LaunchesPage } from './pages/launches';
import { PartnerClaimPage } from './pages/partner-claim';
import { PartnerHomePage } from './pages/partner-home';
import { PartnerMdfPage } from './pages/partner-mdf';
import { VendorHomePage } from './pages/vendor-home';

/** Who a page is for: the guard shows the others a page saying so (the API refuses them anyway). */
export type Audience = 'partner' | 'vendor' | 'finance' | 'everyone';

export const AUDIENCE_ROLES: Record<Audience, readonly Role[]> = {
  partner: PARTNER_ROLES,
  vendor: VENDOR_ROLES,
  finance: FINANCE_ROLES,
  everyone: [...PARTNER_ROLES, ...VENDOR_ROLES],
};

export interface PortalRoute {
  path: string;
  audience: Audience;
  page: ComponentType<{ params: Record<string, string> }>;
}

/**
 * Every page of the portal. The first segment of each path must be one of PORTAL_SECTIONS in
 * apps/api/src/pages/portal.route.ts, which serves index.html for these paths only.
 */
export const ROUTES: PortalRoute[] = [
  { path: '/home', audience: 'partner', page: PartnerHomePage },
  { path: '/catalog', audience: 'partner', page: CatalogPage },
  { path: '/catalog/:kitId', audience: 'partner', page: KitPage },
  { path: '/launches', audience: 'partner', page: LaunchesPage },
  { path: '/launches/:launchId', audience: 'everyone', page: LaunchPage },
  { path: '/mdf', audience: 'partner', page: PartnerMdfPage },
  { path: '/mdf/claims/:claimId', audience: 'partner', page: PartnerClaimPage },
  { path: '/vendor', audience: 'vendor', page: VendorHomePage },
  { path: '/finance', audience: 'finance', page: FinanceHomePage },
  { path: '/finance/claims/:claimId', audience: 'finance', page: FinanceClaimPage },
];

/** The navigation per role. */
export function navigationFor(role: Role): { to: string; label: string }[] {
  if (PARTNER_ROLES.includes(role)) {
    return [
      { to: '/home', label: 'Home' },
      { to: '/catalog', label: 'Catalog' },
      { to: '/launches', label: 'Launches' },
      { to: '/mdf', label: 'MDF' },
    ];
  }
  const items = [{ to: '/vendor', label: 'Overview' }];
  if (FINANCE_ROLES.includes(role)) items.push({ to: '/finance', label: 'MDF claims' });
  return role === 'finance' ? items.reverse() : items;
}
