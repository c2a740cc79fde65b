import { lazy, type ComponentType } from 'react';
import type { Role } from './api/types';
import { FINANCE_ROLES, PARTNER_ROLES, VENDOR_ROLES } from './auth';
import { roleCan } from './permissions';

type PageComponent = ComponentType<{ params: Record<string, string> }>;

/**
 * Pages load with their route: a first visit downloads the shell and the page it opens, not every
 * page of every role (main.tsx shows a loading state while one arrives).
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, PageComponent>>, name: K): PageComponent {
  return lazy(async (): Promise<{ default: PageComponent }> => ({ default: (await load())[name] }));
}

const CatalogPage = lazyPage(() => import('./pages/catalog'), 'CatalogPage');
const FinanceClaimPage = lazyPage(() => import('./pages/finance-claim'), 'FinanceClaimPage');
const FinanceHomePage = lazyPage(() => import('./pages/finance-home'), 'FinanceHomePage');
const KitPage = lazyPage(() => import('./pages/kit'), 'KitPage');
const LaunchPage = lazyPage(() => import('./pages/launch'), 'LaunchPage');
const LaunchesPage = lazyPage(() => import('./pages/launches'), 'LaunchesPage');
const PartnerClaimPage = lazyPage(() => import('./pages/partner-claim'), 'PartnerClaimPage');
const PartnerHomePage = lazyPage(() => import('./pages/partner-home'), 'PartnerHomePage');
const PartnerMdfPage = lazyPage(() => import('./pages/partner-mdf'), 'PartnerMdfPage');
const PartnerMdfRequestNewPage = lazyPage(() => import('./pages/partner-mdf-request-new'), 'PartnerMdfRequestNewPage');
const PartnerMdfClaimNewPage = lazyPage(() => import('./pages/partner-mdf-claim-new'), 'PartnerMdfClaimNewPage');
const VendorHomePage = lazyPage(() => import('./pages/vendor-home'), 'VendorHomePage');
const VendorAssetPage = lazyPage(() => import('./pages/vendor-asset'), 'VendorAssetPage');
const VendorAssetNewPage = lazyPage(() => import('./pages/vendor-asset-new'), 'VendorAssetNewPage');
const VendorAssetsPage = lazyPage(() => import('./pages/vendor-assets'), 'VendorAssetsPage');
const VendorAssetsExpiringPage = lazyPage(() => import('./pages/vendor-assets-expiring'), 'VendorAssetsExpiringPage');
const VendorDealPage = lazyPage(() => import('./pages/vendor-deal'), 'VendorDealPage');
const VendorDealsPage = lazyPage(() => import('./pages/vendor-deals'), 'VendorDealsPage');
const VendorMdfRequestsPage = lazyPage(() => import('./pages/vendor-mdf-requests'), 'VendorMdfRequestsPage');
const VendorTemplatesPage = lazyPage(() => import('./pages/vendor-templates'), 'VendorTemplatesPage');
const VendorTemplatePage = lazyPage(() => import('./pages/vendor-templates-edit'), 'VendorTemplatePage');
const VendorKitsPage = lazyPage(() => import('./pages/vendor-kits'), 'VendorKitsPage');
const VendorKitNewPage = lazyPage(() => import('./pages/vendor-kits-edit'), 'VendorKitNewPage');
const VendorKitPage = lazyPage(() => import('./pages/vendor-kits-edit'), 'VendorKitPage');
const VendorPartnersPage = lazyPage(() => import('./pages/vendor-partners'), 'VendorPartnersPage');
const VendorPartnerPage = lazyPage(() => import('./pages/vendor-partners-detail'), 'VendorPartnerPage');
const ContactsPage = lazyPage(() => import('./pages/contacts'), 'ContactsPage');
const DealNewPage = lazyPage(() => import('./pages/deal-new'), 'DealNewPage');
const DealPage = lazyPage(() => import('./pages/deal'), 'DealPage');
const DealsPage = lazyPage(() => import('./pages/deals'), 'DealsPage');
const LeadsPage = lazyPage(() => import('./pages/leads'), 'LeadsPage');
const LibraryItemPage = lazyPage(() => import('./pages/library'), 'LibraryItemPage');
const LibraryPage = lazyPage(() => import('./pages/library'), 'LibraryPage');
const ProfilePage = lazyPage(() => import('./pages/profile'), 'ProfilePage');


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
  { path: '/mdf/requests/new', audience: 'partner', page: PartnerMdfRequestNewPage },
  { path: '/mdf/requests/:requestId/claim', audience: 'partner', page: PartnerMdfClaimNewPage },
  { path: '/mdf/claims/:claimId', audience: 'partner', page: PartnerClaimPage },
  { path: '/contacts', audience: 'partner', page: ContactsPage },
  { path: '/leads', audience: 'partner', page: LeadsPage },
  { path: '/deals', audience: 'partner', page: DealsPage },
  { path: '/deals/new', audience: 'partner', page: DealNewPage },
  { path: '/deals/:id', audience: 'partner', page: DealPage },
  { path: '/library', audience: 'partner', page: LibraryPage },
  { path: '/library/:id', audience: 'partner', page: LibraryItemPage },
  { path: '/profile', audience: 'partner', page: ProfilePage },
  { path: '/vendor', audience: 'vendor', page: VendorHomePage },
  { path: '/vendor/assets', audience: 'vendor', page: VendorAssetsPage },
  { path: '/vendor/assets/new', audience: 'vendor', page: VendorAssetNewPage },
  { path: '/vendor/assets/expiring', audience: 'vendor', page: VendorAssetsExpiringPage },
  { path: '/vendor/assets/:id', audience: 'vendor', page: VendorAssetPage },
  { path: '/vendor/deals', audience: 'vendor', page: VendorDealsPage },
  { path: '/vendor/deals/:id', audience: 'vendor', page: VendorDealPage },
  { path: '/vendor/mdf-requests', audience: 'vendor', page: VendorMdfRequestsPage },
  { path: '/vendor/templates', audience: 'vendor', page: VendorTemplatesPage },
  { path: '/vendor/templates/:id', audience: 'vendor', page: VendorTemplatePage },
  { path: '/vendor/kits', audience: 'vendor', page: VendorKitsPage },
  { path: '/vendor/kits/new', audience: 'vendor', page: VendorKitNewPage },
  { path: '/vendor/kits/:id', audience: 'vendor', page: VendorKitPage },
  { path: '/vendor/partners', audience: 'vendor', page: VendorPartnersPage },
  { path: '/vendor/partners/:id', audience: 'vendor', page: VendorPartnerPage },
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
      { to: '/contacts', label: 'Contacts' },
      { to: '/leads', label: 'Leads' },
      { to: '/deals', label: 'Deals' },
      { to: '/library', label: 'Library' },
      { to: '/profile', label: 'Profile' },
    ];
  }
  // Each workspace is listed for the roles that work in it (the API's permissions table).
  const items = [{ to: '/vendor', label: 'Overview' }];
  if (roleCan(role, 'manage-assets')) items.push({ to: '/vendor/assets', label: 'Assets' });
  if (roleCan(role, 'decide-deals')) items.push({ to: '/vendor/deals', label: 'Deal registrations' }, { to: '/vendor/mdf-requests', label: 'MDF requests' });
  if (roleCan(role, 'author-kits')) items.push({ to: '/vendor/templates', label: 'Templates' }, { to: '/vendor/kits', label: 'Kits' });
  if (roleCan(role, 'create-partners')) items.push({ to: '/vendor/partners', label: 'Partners' });
  if (FINANCE_ROLES.includes(role)) items.push({ to: '/finance', label: 'MDF claims' });
  return role === 'finance' ? items.reverse() : items;
}
