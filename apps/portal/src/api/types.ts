import type { components } from './schema';

/**
 * The API's answers under the names the pages use. Each is the type generated from the OpenAPI document
 * (schema.d.ts, `npm run portal:client`), so the portal and the API cannot drift; describe a new answer in
 * the API rather than copying its shape here.
 */
export type Schemas = components['schemas'];
export type User = Schemas['UserView'];
export type Role = User['role'];
export type Kit = Schemas['KitView'];
export type Launch = Schemas['LaunchView'];
export type LaunchDetail = Schemas['LaunchDetailView'];
export type Template = Schemas['TemplateView'];
export type Deal = Schemas['DealView'];
export type LibraryItem = Schemas['LibraryItemDto'];
export type Dashboard = Schemas['DashboardDto'];
export type DashboardMdf = Schemas['DashboardMdfDto'];

// ---- Templates, kits and launches ----

export type EditableField = Schemas['EditableField'];
export type Validation = Schemas['ValidationView'];
/** `POST /api/v1/templates/:id/preview` as JSON (banners answer with the image itself). */
export type Preview = Schemas['EmailPreview'] | Schemas['LandingPagePreview'] | Schemas['SocialPostPreview'];
export type LaunchResults = Schemas['LaunchResults'];

// ---- MDF ----

/** A partner's fund account in one program, with what is available. */
export type FundAccount = Schemas['FundBalance'];
export type LedgerEntry = Schemas['LedgerEntry'];
export type LedgerKind = LedgerEntry['kind'];
/** `GET /api/v1/mdf/accounts/:id`: the account and its ledger. */
export type FundAccountLedger = Schemas['FundAccountLedger'];
export type MdfProgram = Schemas['Program'];
export type MdfRequest = Schemas['MdfRequest'];
export type MdfRequestStatus = MdfRequest['status'];
export type Claim = Schemas['Claim'];
export type ClaimStatus = Claim['status'];
/** A claim with its partner and request details (`GET /api/v1/mdf/claims`). */
export type ClaimListing = Schemas['ClaimListing'];
/** A claim in finance's review queue, with its linked deals, cap and return. */
export type ReviewQueueClaim = Schemas['ReviewQueueClaim'];
/** A claim's invoice or proof file, with a short-lived download URL. */
export type MdfFile = Schemas['ClaimFile'];
/** `GET /api/v1/mdf/claims/:id`: everything needed to decide one claim. */
export type ClaimDetail = Schemas['ClaimDetail'];
export type AuditRecord = Schemas['AuditRecord'];

// ---- The vendor team's asset library ----

export type AssetDetail = Schemas['AssetDetailDto'];
export type Asset = Schemas['AssetDto'];
export type AssetVersion = Schemas['AssetVersionDto'];
export type AssetType = Asset['type'];
export type AssetStatus = Asset['status'];
export type AssetEligibility = Schemas['EligibilityDto'];
export type BulkExtendReport = Schemas['BulkExtendReportDto'];
export type ExpiringAsset = Schemas['ExpiringAssetDto'];
/** `GET /api/v1/assets/:id/usage`: "who uses this?". */
export type WhoUses = Schemas['WhoUses'];
export type AssetUsageKind = Schemas['AssetUser']['kind'];

// ---- The vendor team's authoring pages: templates, kits and partners ----

export type TemplateStatus = Template['status'];
/** One publish problem of a template (422 TEMPLATE_INVALID `details.problems`): an MJML line (0 or none: no line) or a path. */
export type TemplatePublishProblem = Schemas['TemplatePublishProblem'];
/** The 422 TEMPLATE_INVALID body of `POST /api/v1/templates/:id/publish`. */
export type TemplateInvalidError = Schemas['TemplateInvalidErrorBody'];
export type KitStatus = Kit['status'];
/** A kit version's call-to-action destination: a URL or a library asset. */
export type KitDestinationRef = Schemas['KitDestinationDto'];
/** `GET /api/v1/kits/:id/results`: adoption by tier and totals across the kit's launches. */
export type KitAdoptionResults = Schemas['KitResults'];
/** A kit's auto-launch progress (vendors): eligible opted-in partners and how many launched. */
export type KitAutoLaunchProgress = Schemas['AutoLaunchProgress'];
