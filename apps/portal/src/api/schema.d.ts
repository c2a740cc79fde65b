// Generated from the API's OpenAPI document (/api/docs-json) by `npm run portal:client`. Do not edit.
// test/portal-client.e2e-spec.ts fails when this file and the API disagree.

export interface paths {
    "/api/v1/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AssetsController_list"];
        put?: never;
        post: operations["AssetsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AssetsController_detail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["AssetsController_update"];
        trace?: never;
    };
    "/api/v1/assets/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AssetsController_archive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/{id}/eligibility-impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AssetsController_eligibilityImpact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AssetsController_usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AssetsController_versions"];
        put?: never;
        post: operations["AssetsController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/bulk-extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AssetsController_bulkExtend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/expiring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AssetReportsController_expiring"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/owners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AssetsController_owners"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/reports/downloads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AssetReportsController_downloads"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assets/reports/expiring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AssetReportsController_expiringReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audiences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AudiencesController_list"];
        put?: never;
        post: operations["AudiencesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audiences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AudiencesController_get"];
        put?: never;
        post?: never;
        delete: operations["AudiencesController_remove"];
        options?: never;
        head?: never;
        patch: operations["AudiencesController_update"];
        trace?: never;
    };
    "/api/v1/audiences/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AudiencesController_contacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invites/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_acceptInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_listTokens"];
        put?: never;
        post: operations["AuthController_createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["AuthController_revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/brand-kit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["BrandKitController_get"];
        put: operations["BrandKitController_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/brand-kit/logo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["BrandKitController_logo"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ContactsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ContactsController_get"];
        put?: never;
        post?: never;
        delete: operations["ContactsController_remove"];
        options?: never;
        head?: never;
        patch: operations["ContactsController_update"];
        trace?: never;
    };
    "/api/v1/contacts/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContactsController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ContactsController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DashboardController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DealsController_list"];
        put?: never;
        post: operations["DealsController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DealsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DealsController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DealsController_extend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}/lost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DealsController_lost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DealsController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/{id}/won": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DealsController_won"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DealsController_conflicts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DealsController_exportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DealsController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/vendor-opportunities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["VendorOpportunitiesController_list"];
        put?: never;
        post: operations["VendorOpportunitiesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/vendor-opportunities/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["VendorOpportunitiesController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DealWebhooksController_list"];
        put?: never;
        post: operations["DealWebhooksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deals/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["DealWebhooksController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrolments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EnrolmentsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrolments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EnrolmentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrolments/{id}/replied": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["EnrolmentsController_replied"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrolments/{id}/unenrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["EnrolmentsController_unenrol"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["KitsController_list"];
        put?: never;
        post: operations["KitsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kits/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["KitsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["KitsController_update"];
        trace?: never;
    };
    "/api/v1/kits/{id}/launches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["KitsController_launch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kits/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["KitsController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kits/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["KitsController_kitResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kits/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["KitsController_retire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LaunchesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LaunchesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["LaunchesController_end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["LaunchesController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LaunchesController_launchResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["LaunchesController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LeadsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LeadsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["LeadsController_setStatus"];
        trace?: never;
    };
    "/api/v1/leads/{id}/share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["LeadsController_share"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/library": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LibraryController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/library/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LibraryController_detail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/library/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["LibraryController_download"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/library/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LibraryController_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LinksController_linkStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfProgramsController_accounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfProgramsController_account"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfClaimsController_list"];
        put?: never;
        post: operations["MdfClaimsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/claims/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfClaimsController_detail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["MdfClaimsController_resubmit"];
        trace?: never;
    };
    "/api/v1/mdf/claims/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MdfClaimsController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/claims/{id}/mark-paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MdfClaimsController_markPaid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/claims/{id}/proof-pack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfClaimsController_proofPack"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/claims/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MdfClaimsController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/claims/{id}/request-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MdfClaimsController_requestInfo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/claims/review-queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfClaimsController_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/payables.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfClaimsController_payables"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfProgramsController_list"];
        put?: never;
        post: operations["MdfProgramsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/programs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfProgramsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/programs/{id}/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MdfProgramsController_adjust"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/programs/{id}/allocate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MdfProgramsController_allocate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/programs/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfProgramsController_programMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/programs/{id}/partners/{partnerId}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfProgramsController_partnerMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfRequestsController_list"];
        put?: never;
        post: operations["MdfRequestsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfRequestsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["MdfRequestsController_resubmit"];
        trace?: never;
    };
    "/api/v1/mdf/requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MdfRequestsController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/requests/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MdfRequestsController_files"];
        put?: never;
        post: operations["MdfRequestsController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/requests/{id}/files/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["MdfRequestsController_deleteFile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MdfRequestsController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mdf/requests/{id}/request-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["MdfRequestsController_requestInfo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MessagesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MessagesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PartnersController_list"];
        put?: never;
        post: operations["PartnersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PartnersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["PartnersController_update"];
        trace?: never;
    };
    "/api/v1/partners/{id}/auto-launch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["LaunchesController_optIns"];
        put: operations["LaunchesController_setOptIns"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}/logo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PartnersController_logo"];
        put: operations["PartnersController_uploadLogo"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PartnersController_users"];
        put?: never;
        post: operations["PartnersController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}/users/{userId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["PartnersController_disableUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{partnerId}/audiences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PartnerAudiencesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{partnerId}/sending-domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SendingDomainsController_list"];
        put?: never;
        post: operations["SendingDomainsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{partnerId}/sending-domains/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["SendingDomainsController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{partnerId}/sending-domains/{id}/dkim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["SendingDomainsController_setDkim"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{partnerId}/sending-domains/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SendingDomainsController_verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PartnerMetricsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/partners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PartnerMetricsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sequences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SequencesController_list"];
        put?: never;
        post: operations["SequencesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sequences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SequencesController_get"];
        put?: never;
        post?: never;
        delete: operations["SequencesController_remove"];
        options?: never;
        head?: never;
        patch: operations["SequencesController_update"];
        trace?: never;
    };
    "/api/v1/sequences/{id}/enrolments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["EnrolmentsController_enrol"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sequences/{id}/enrolments/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["EnrolmentsController_enrolCsv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sequences/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SequencesController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sequences/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SequencesController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sequences/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SequencesController_results"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sequences/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SequencesController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TemplatesController_list"];
        put?: never;
        post: operations["TemplatesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TemplatesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["TemplatesController_update"];
        trace?: never;
    };
    "/api/v1/templates/{id}/background": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["TemplatesController_background"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TemplatesController_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TemplatesController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/renditions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TemplatesController_rendition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/test-send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TemplatesController_testSend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TemplatesController_validate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TiersController_list"];
        put?: never;
        post: operations["TiersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tiers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["TiersController_update"];
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_list"];
        put?: never;
        post: operations["UsersController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/mail-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliveries, bounces, complaints and replies from the mail provider
         * @description Authenticate with `Authorization: Bearer <MAIL_WEBHOOK_SECRET>` (the route answers 404 while the variable is unset). At most 500 events per request, matched to messages by Message-ID; each event id is applied once. delivered: marks the message delivered. bounce (hard): the address is suppressed for every partner and its pending messages cancelled; bounce (soft): recorded only. complaint: the address is suppressed for the message’s partner and its pending messages from that partner cancelled. reply: marks the message replied (a nurture sequence exits on it).
         */
        post: operations["MailEventsController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptInviteDto: {
            password: string;
            /** @description the token from the invitation link */
            token: string;
        };
        AdjustmentDto: {
            /** @description signed integer minor units: positive adds funds, negative removes available funds */
            amountCents: number;
            partnerId: string;
            /** @example Co-marketing bonus for the spring launch */
            reason: string;
        };
        AllocateDto: {
            /** @description default: every onboarding or active partner */
            partnerIds?: string[];
        };
        AllocationListDto: {
            items: components["schemas"]["AllocationResult"][];
        };
        AllocationResult: {
            accountId: string;
            /** @description what this run allocated; 0 when the partner already had its allocation */
            allocatedCents: number;
            alreadyAllocated: boolean;
            partnerId: string;
        };
        ApiTokenView: {
            createdAt: string;
            expiresAt: string | null;
            id: string;
            lastUsedAt: string | null;
            name: string;
            /** @description first characters, to recognise it */
            prefix: string;
            revokedAt: string | null;
        };
        ApproveClaimDto: {
            /** @description reimbursement, minor units: at most the approved request amount and the tier’s share of the actual spend */
            amountCents: number;
            note?: string;
        };
        ApproveDealDto: {
            /**
             * @description days the registration is protected from conflict
             * @default 90
             */
            protectionDays: number;
        };
        ApproveRequestDto: {
            /** @description approve part of the request; default: all of it */
            amountCents?: number;
            note?: string;
        };
        AssetDetailDto: {
            /** Format: date-time */
            archivedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            currentVersionId: string | null;
            description: string;
            eligibility: components["schemas"]["EligibilityDto"];
            /** Format: date-time */
            expiresAt: string | null;
            id: string;
            locale: string;
            ownerUserId: string;
            /** Format: date-time */
            publishAt: string;
            /**
             * @description at this moment
             * @enum {string}
             */
            status: "scheduled" | "live" | "expiring" | "expired" | "archived";
            successor: components["schemas"]["AssetSummaryDto"] | null;
            tags: string[];
            thumbnailUrl: string | null;
            title: string;
            /** @enum {string} */
            type: "datasheet" | "deck" | "video" | "image" | "legal" | "document";
            /** Format: date-time */
            updatedAt: string;
            /** @description newest first */
            versions: components["schemas"]["AssetVersionDto"][];
        };
        AssetDto: {
            /** Format: date-time */
            archivedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            currentVersionId: string | null;
            description: string;
            eligibility: components["schemas"]["EligibilityDto"];
            /** Format: date-time */
            expiresAt: string | null;
            id: string;
            locale: string;
            ownerUserId: string;
            /** Format: date-time */
            publishAt: string;
            /**
             * @description at this moment
             * @enum {string}
             */
            status: "scheduled" | "live" | "expiring" | "expired" | "archived";
            successor: components["schemas"]["AssetSummaryDto"] | null;
            tags: string[];
            thumbnailUrl: string | null;
            title: string;
            /** @enum {string} */
            type: "datasheet" | "deck" | "video" | "image" | "legal" | "document";
            /** Format: date-time */
            updatedAt: string;
        };
        AssetOwnerDto: {
            email: string;
            id: string;
            name: string;
        };
        AssetPageDto: {
            items: components["schemas"]["AssetDto"][];
            nextCursor: string | null;
        };
        AssetSummaryDto: {
            /** Format: date-time */
            expiresAt: string | null;
            id: string;
            /** @enum {string} */
            status: "scheduled" | "live" | "expiring" | "expired" | "archived";
            title: string;
            /** @enum {string} */
            type: "datasheet" | "deck" | "video" | "image" | "legal" | "document";
        };
        AssetUsageCountsDto: {
            email?: number;
            kit?: number;
            landing_page?: number;
            launch?: number;
            link?: number;
            nurture_step?: number;
            rendition?: number;
            template?: number;
        };
        AssetUsagePartnerDto: {
            id: string;
            /** @description its live launches using the asset */
            liveLaunches: number;
            name: string;
        };
        AssetUser: {
            /** @description false once the launch ended or the reference was replaced */
            active: boolean;
            assetVersionId: string | null;
            /** @enum {string} */
            kind: "template" | "kit" | "launch" | "rendition" | "landing_page" | "email" | "nurture_step" | "link";
            kitId: string | null;
            /** @description the name of the kit’s latest version */
            kitName: string | null;
            launchId: string | null;
            launchStatus: string | null;
            partnerId: string | null;
            partnerName: string | null;
            /** @description the referring thing: a template version, kit version, launch, `<launch>:<template>`, `<sequence version>:<step>`, link */
            refId: string;
            /**
             * Format: date-time
             * @description when the reference was first recorded
             */
            since: string;
            templateVersionId: string | null;
        };
        AssetVersionDto: {
            bytes: number;
            /** @description read from the content */
            contentType: string;
            /** Format: date-time */
            createdAt: string;
            fileName: string;
            height: number | null;
            id: string;
            /** @description hex SHA-256 of the file */
            sha256: string;
            /** @description short-lived URL of its thumbnail or type icon */
            thumbnailUrl: string | null;
            uploadedBy: string | null;
            version: number;
            width: number | null;
        };
        AudienceCountView: {
            /** @description contacts matching the filter */
            matching: number;
            /** @description of those, consent granted and not suppressed */
            sendable: number;
        };
        AudienceFilterDto: {
            companyContains?: string;
            /** @description sendable contacts are always limited to granted */
            consentStatuses?: ("granted" | "pending" | "denied" | "unknown")[];
            /**
             * @example [
             *       "DE",
             *       "AT"
             *     ]
             */
            countries?: string[];
            /**
             * @description contacts created at or after this time
             * @example 2026-01-01T00:00:00Z
             */
            createdSince?: string;
            /**
             * @example [
             *       "Europe/Berlin"
             *     ]
             */
            timeZones?: string[];
            titleContains?: string;
        };
        AudiencePageView: {
            items: components["schemas"]["AudienceView"][];
            nextCursor: string | null;
        };
        AudienceView: {
            /** @description on GET /audiences/:id; null in lists (one count per audience would be a query each) */
            counts: components["schemas"]["AudienceCountView"] | null;
            createdAt: string;
            filter: components["schemas"]["AudienceFilterDto"];
            id: string;
            name: string;
            updatedAt: string;
        };
        AuditPage: {
            items: components["schemas"]["AuditRecord"][];
            nextCursor: string | null;
        };
        AuditRecord: {
            /** @example mdf.claim.approved */
            action: string;
            /** @description null: the system (a sweep, a webhook) */
            actorUserId: string | null;
            /** @description the entity after the change */
            after: {
                [key: string]: unknown;
            } | null;
            /** @description the entity before the change */
            before: {
                [key: string]: unknown;
            } | null;
            entityId: string;
            /** @example mdf_claim */
            entityType: string;
            /** @description ascending: the order events happened in */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            /** @description a vendor user acting for this partner */
            onBehalfOfPartnerId: string | null;
            requestId: string | null;
        };
        AutoLaunchDto: {
            /**
             * @example [
             *       "product-launch"
             *     ]
             */
            categories: string[];
        };
        AutoLaunchProgress: {
            /** @description of those, the ones whose auto-launch has run */
            launched: number;
            /** @description eligible partners (active or onboarding) that opted in to the kit’s category */
            total: number;
        };
        BannerSpec: {
            /** @description a library image (asset:<uuid>) or a file name; none when the base image was uploaded to the template */
            background?: string;
            /** @enum {string} */
            format: "jpeg" | "png" | "webp";
            height: number;
            width: number;
            zones: (components["schemas"]["LogoZone"] | components["schemas"]["TextZone"])[];
        };
        BrandColoursDto: {
            /** @example #FFB020 */
            accent: string;
            /** @example #FFFFFF */
            background: string;
            /** @example #0B5FFF */
            primary: string;
            /** @example #00C2A8 */
            secondary: string;
            /** @example #1B1F24 */
            text: string;
        };
        BrandFontsDto: {
            /** @example Inter */
            body: string;
            /** @example Inter */
            heading: string;
        };
        BrandKitDto: {
            colours: components["schemas"]["BrandColoursDto"];
            fonts: components["schemas"]["BrandFontsDto"];
            legalFooter: string;
            /** @example Acme Cloud */
            name: string;
        };
        BrandKitView: {
            colours: components["schemas"]["BrandColoursDto"];
            fonts: components["schemas"]["BrandFontsDto"];
            legalFooter: string;
            /** @description public URL of the logo */
            logoUrl: string | null;
            name: string;
            version: number;
        };
        BulkExtendDto: {
            assetIds: string[];
            /**
             * @description the new expiry; later than each asset’s current one
             * @example 2027-12-31T00:00:00Z
             */
            expiresAt: string;
        };
        BulkExtendReportDto: {
            extended: number;
            results: components["schemas"]["BulkExtendResultDto"][];
        };
        BulkExtendResultDto: {
            assetId: string;
            /** Format: date-time */
            expiresAt: string | null;
            message?: string;
            /** @enum {string} */
            outcome: "extended" | "not_found" | "archived" | "not_later" | "publishes_later";
        };
        Claim: {
            actualSpendCents: number;
            approvedCents: number | null;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            /** @description whether its proof-of-performance pack is ready (download it through /proof-pack) */
            hasProofPack: boolean;
            id: string;
            /** @description the Idempotency-Key it was submitted with */
            idempotencyKey: string;
            paidBy: string | null;
            /** @example 2027-05-02 */
            paidOn: string | null;
            partnerId: string;
            paymentReference: string | null;
            programId: string;
            requestId: string;
            /** Format: date-time */
            reviewedAt: string | null;
            reviewedBy: string | null;
            reviewNote: string | null;
            /** @enum {string} */
            status: "submitted" | "info_requested" | "approved" | "rejected" | "paid";
            /**
             * Format: date-time
             * @description the latest submission (a resubmission moves it); createdAt is the first
             */
            submittedAt: string;
            submittedBy: string;
        };
        ClaimDetail: {
            /** @description the most finance may approve: the lower of the approved request and the tier’s share of the actual spend, cents */
            capCents: number;
            claim: components["schemas"]["Claim"];
            deals: components["schemas"]["LinkedDeal"][];
            files: components["schemas"]["ClaimFile"][];
            partnerName: string;
            /** @description the tier’s share of the actual spend, percent */
            reimbursementPct: number;
            request: components["schemas"]["MdfRequest"];
            returns: components["schemas"]["ClaimReturn"];
        };
        ClaimFile: {
            bytes: number;
            /** @description the claim it was submitted with; null while it is only uploaded */
            claimId: string | null;
            /** @description read from the content */
            contentType: string;
            /**
             * Format: date-time
             * @description when it was uploaded
             */
            createdAt: string;
            /** @description the name it was uploaded with, made safe (letters, digits, `.`, `-`, `_`); null for files uploaded before names were kept */
            fileName: string | null;
            id: string;
            /** @enum {string} */
            kind: "invoice" | "proof";
            partnerId: string;
            requestId: string;
            /** @description a short-lived download URL */
            url: string;
        };
        ClaimFileListDto: {
            /** @description oldest upload first */
            items: components["schemas"]["ClaimFile"][];
        };
        ClaimListing: {
            activityType: string;
            actualSpendCents: number;
            approvedCents: number | null;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            /** @description whether its proof-of-performance pack is ready (download it through /proof-pack) */
            hasProofPack: boolean;
            id: string;
            /** @description the Idempotency-Key it was submitted with */
            idempotencyKey: string;
            paidBy: string | null;
            /** @example 2027-05-02 */
            paidOn: string | null;
            partnerId: string;
            partnerName: string;
            paymentReference: string | null;
            programId: string;
            /** @description what the request was approved for, cents */
            requestApprovedCents: number;
            requestId: string;
            /** Format: date-time */
            reviewedAt: string | null;
            reviewedBy: string | null;
            reviewNote: string | null;
            /** @enum {string} */
            status: "submitted" | "info_requested" | "approved" | "rejected" | "paid";
            /**
             * Format: date-time
             * @description the latest submission (a resubmission moves it); createdAt is the first
             */
            submittedAt: string;
            submittedBy: string;
        };
        ClaimListingPageDto: {
            items: components["schemas"]["ClaimListing"][];
            nextCursor: string | null;
        };
        ClaimReturn: {
            pipelineCents: number;
            reimbursementCents: number;
            /** @description (pipeline + won) ÷ reimbursement; null until there is a reimbursement */
            returnRatio: number | null;
            wonCents: number;
        };
        ClickCounts: {
            bots: number;
            /** @description without the bots and mail scanners */
            filtered: number;
            /** @description every recorded click */
            raw: number;
            /** @description mail security scanners following links */
            scanners: number;
            /** @description distinct visitors among the filtered clicks */
            unique: number;
        };
        CoBrandDto: {
            /**
             * @description values of editable fields, by field key
             * @example {
             *       "headline": "Back up everything in 5 minutes"
             *     }
             */
            edits?: {
                [key: string]: unknown;
            };
            /** @description vendors: the partner to render for (partner users always get their own) */
            partnerId?: string;
            /**
             * @description vendors may preview the draft
             * @enum {string}
             */
            version?: "published" | "draft";
        };
        ConflictQueueItemView: {
            conflicts: components["schemas"]["DealConflictView"][];
            deal: components["schemas"]["DealView"];
        };
        ConflictQueuePageView: {
            items: components["schemas"]["ConflictQueueItemView"][];
            nextCursor: string | null;
        };
        ContactPageView: {
            items: components["schemas"]["ContactView"][];
            nextCursor: string | null;
        };
        ContactView: {
            /** @description stored verbatim: may start with = + - @ */
            company: string | null;
            consentSource: string | null;
            /** @enum {string} */
            consentStatus: "granted" | "pending" | "denied" | "unknown";
            country: string | null;
            createdAt: string;
            /** @description as given; dedupe uses the trimmed, lower-cased form */
            email: string;
            firstName: string | null;
            id: string;
            lastName: string | null;
            origin: string;
            timeZone: string | null;
            title: string | null;
            updatedAt: string;
        };
        CreateApiTokenDto: {
            /** @description days until it expires; omit for no expiry */
            expiresInDays?: number;
            /** @example CRM sync */
            name: string;
        };
        CreateAssetDto: {
            description?: string;
            /** @description which partners find it in the library (list, detail, preview, download); no criteria at all: every partner. Narrowing it takes effect at once: a partner left out no longer lists it and its detail and download answer 404. Live launches keep what they use: their emails, pages, renditions and links go on resolving the asset, because what a launch carries is decided by its kit, not by the library. `POST /api/v1/assets/{id}/eligibility-impact` tells beforehand which partners with live launches using it would lose it from their library. */
            eligibility?: components["schemas"]["EligibilityDto"];
            /**
             * Format: date-time
             * @description after publishAt and in the future; null: never expires
             * @example 2027-06-30T00:00:00Z
             */
            expiresAt?: string | null;
            /**
             * @description BCP 47 language tag
             * @example en
             */
            locale?: string;
            /** @description an active vendor user (see GET /api/v1/assets/owners); the creator by default */
            ownerUserId?: string;
            /**
             * @description partners see it from then; now by default
             * @example 2026-11-01T00:00:00Z
             */
            publishAt?: string;
            /**
             * Format: uuid
             * @description the asset that stands in once this one expires: same type, usable, no cycle; null clears it
             */
            successorId?: string | null;
            /**
             * @description trimmed; duplicates (ignoring case) dropped
             * @example [
             *       "backup",
             *       "datasheet"
             *     ]
             */
            tags?: string[];
            /** @example Backup 5 datasheet */
            title: string;
            /** @enum {string} */
            type: "datasheet" | "deck" | "video" | "image" | "legal" | "document";
        };
        CreateAudienceDto: {
            filter: components["schemas"]["AudienceFilterDto"];
            name: string;
        };
        CreatedApiTokenView: {
            createdAt: string;
            expiresAt: string | null;
            id: string;
            lastUsedAt: string | null;
            name: string;
            /** @description first characters, to recognise it */
            prefix: string;
            revokedAt: string | null;
            /** @description the secret; shown this once only */
            token: string;
        };
        CreatedWebhookEndpointView: {
            createdAt: string;
            description: string | null;
            id: string;
            /** @description the signing secret; shown this once */
            secret: string;
            url: string;
        };
        CreateKitDto: {
            /** @description the kit's own content from the library (datasheets, decks); frozen at publish */
            assetIds?: string[];
            /**
             * @description partners opt in to auto-launch by category
             * @example product-launch
             */
            category: string;
            description?: string;
            destinations?: components["schemas"]["KitDestinationDto"][];
            eligibility?: components["schemas"]["KitEligibilityDto"];
            /** @example 2027-01-31T00:00:00Z */
            endsAt?: Record<string, never> | null;
            name?: string;
            /** @example Generate trial sign-ups for Backup 5 */
            objective?: string;
            /** @example backup-5-launch */
            slug: string;
            /** @example 2026-11-01T00:00:00Z */
            startsAt?: Record<string, never> | null;
            /** @description templates in the kit (their published versions are frozen at publish) */
            templateIds?: string[];
        };
        CreatePartnerDto: {
            address?: Record<string, never> | null;
            /** @example #0B5FFF */
            brandColour?: Record<string, never> | null;
            legalDisclaimer?: Record<string, never> | null;
            name: string;
            /** @example +1 415 555 0100 */
            phone?: Record<string, never> | null;
            /** @enum {string} */
            region: "NA" | "LATAM" | "EMEA" | "APAC";
            /**
             * @description date the partner agreement was signed
             * @example 2026-09-01
             */
            signedAt?: Record<string, never> | null;
            /** @example northwind-it */
            slug: string;
            /** @enum {string} */
            status?: "prospect" | "onboarding" | "active" | "inactive";
            tierId: string;
            /** @example America/Chicago */
            timeZone?: string;
            /** @example https://northwind-it.example */
            website?: Record<string, never> | null;
        };
        CreateProgramDto: {
            /** @description accrual in basis points (250 = 2.5 %) of won revenue closed in the accrual period */
            accrualBps?: number;
            /** @example 2026-12-31 */
            accrualEnd?: string;
            /** @example 2026-10-01 */
            accrualStart?: string;
            /**
             * @description days after an activity ends to claim it
             * @default 60
             */
            claimDeadlineDays: number;
            /**
             * @description ISO 4217
             * @example USD
             */
            currency: string;
            /**
             * @description days after the period ends before unused funds expire
             * @default 0
             */
            graceDays: number;
            /** @example Q1 2027 MDF */
            name: string;
            /** @example 2027-03-31 */
            periodEnd: string;
            /** @example 2027-01-01 */
            periodStart: string;
            /** @description fixed allocation per tier */
            tierAmounts?: components["schemas"]["TierAmountDto"][];
        };
        CreateRequestDto: {
            /** @enum {string} */
            activityType: "event" | "webinar" | "paid_digital" | "email_launch" | "content_syndication" | "trade_show" | "other";
            description: string;
            /** @example 2027-02-12 */
            endsOn: string;
            /** @description expected pipeline, minor units */
            expectedPipelineCents?: number;
            /** @description the partner’s own launches this activity promotes */
            launchIds?: string[];
            /** @description vendors submitting on a partner’s behalf say which partner */
            partnerId?: string;
            /** @description planned total cost, minor units */
            plannedCostCents: number;
            programId: string;
            /** @description MDF requested, minor units; at most the planned cost */
            requestedCents: number;
            /** @example 2027-02-10 */
            startsOn: string;
        };
        CreateSendingDomainDto: {
            /**
             * @description a domain the partner controls; case-insensitive
             * @example mail.northwind-it.example
             */
            domain: string;
            /**
             * @description the part before the @ of the From address
             * @default marketing
             * @example marketing
             */
            fromLocalPart: string;
        };
        CreateSequenceDto: {
            /** @description default: all; unsubscribes, bounces and complaints always end an enrolment */
            exitOn?: ("replied" | "converted" | "deal_registered")[];
            /** @description the campaign kit the sequence belongs to; none: the vendor’s own program to partner users */
            kitId?: string;
            name: string;
            /** @description local hours when no email goes out (an email due then waits for their end) */
            quietHours?: components["schemas"]["QuietHoursDto"] | null;
            /**
             * @description ordered steps (0-based): {type:"email", templateId} | {type:"wait", days?, hours?, minutes?} | {type:"wait", until:{time:"HH:MM", weekdays?:["mon",…]}} (local to the contact, else the partner) | {type:"branch", on:{step, event:"opened"|"clicked"|"not_engaged"}, then, else} (later steps only) | {type:"exit"}
             * @example [
             *       {
             *         "type": "email",
             *         "templateId": "<uuid>"
             *       },
             *       {
             *         "type": "wait",
             *         "until": {
             *           "time": "09:00",
             *           "weekdays": [
             *             "mon",
             *             "tue",
             *             "wed",
             *             "thu",
             *             "fri"
             *           ]
             *         }
             *       },
             *       {
             *         "type": "email",
             *         "templateId": "<uuid>"
             *       }
             *     ]
             */
            steps: Record<string, never>[];
        };
        CreateTemplateDto: {
            /** @description banners: { width, height, format, zones } */
            banner?: Record<string, never>;
            /** @description MJML with Handlebars (email, landing page) or text (social post) */
            body?: string;
            /** @example product-launch */
            key: string;
            /** @enum {string} */
            kind: "email" | "landing_page" | "banner" | "social_post";
            /** @description the field manifest: { fields: [...] } (see templates/README.md) */
            manifest?: Record<string, never>;
            name?: string;
            /** @description emails: the inbox preview line */
            preheader?: string;
            /** @description social posts: { networks, bannerTemplate? } */
            social?: Record<string, never>;
            /** @description emails: Handlebars text */
            subject?: string;
        };
        CreateTierDto: {
            /**
             * @example {
             *       "mdfQuarterlyCents": 500000,
             *       "currency": "USD"
             *     }
             */
            attributes?: Record<string, never>;
            /** @example 50 */
            defaultMdfReimbursementPct: number;
            /** @example Gold */
            name: string;
            /** @description higher ranks are better tiers */
            rank: number;
        };
        CreateVendorOpportunityDto: {
            amountCents?: number;
            /** @example EUR */
            currency?: string;
            customerCompany: string;
            customerDomain: string;
            /** @description the id in the vendor CRM */
            externalId?: string;
            ownerName?: string;
        };
        CreateWebhookEndpointDto: {
            description?: string;
            /**
             * @description https (http only for localhost)
             * @example https://crm.example/hooks/channelkit
             */
            url: string;
        };
        DashboardDto: {
            /** @description by tier rank */
            adoption: components["schemas"]["DashboardTierAdoptionDto"][];
            /** @example 2026-08-31 */
            from: string;
            funnel: components["schemas"]["DashboardFunnelDto"];
            kitId: string | null;
            /** @description published and retired kits, by name, for choosing one */
            kits: components["schemas"]["DashboardKitDto"][];
            mdf: components["schemas"]["DashboardMdfDto"];
            /** @description every signed partner, whatever the range */
            timeToFirstDeal: components["schemas"]["DashboardTtfdDto"];
            /** @example 2026-11-21 */
            to: string;
            /** @description every ISO week overlapping the range, oldest first; partial weeks count only the days in the range */
            weeks: components["schemas"]["DashboardWeekDto"][];
        };
        DashboardFunnelDto: {
            /** @description launches started in the range */
            launches: number;
            /** @description leads captured in the range */
            leads: number;
            /** @description distinct partners with a filtered click in the range */
            partnersWithClicks: number;
            /** @description deals registered in the range (any status); with a kit, those its launches sourced or influenced */
            registeredDeals: number;
            /** @description of those, the won ones */
            wonDeals: number;
        };
        DashboardKitDto: {
            id: string;
            /** @description the name of its latest published version */
            name: string;
            /** @enum {string} */
            status: "published" | "retired";
        };
        DashboardMdfDto: {
            /** @description the currency of the most recent program in the range; top partners are in it */
            currency: string | null;
            /** @description programs whose period overlaps the range, latest first (at most 6) */
            programs: components["schemas"]["DashboardMdfProgramDto"][];
            /** @description across those programs in `currency`: the 10 partners that used the most (reserved + settled) */
            topPartners: components["schemas"]["DashboardMdfPartnerDto"][];
        };
        DashboardMdfPartnerDto: {
            /** @description allocations plus adjustments, cents */
            allocatedCents: number;
            /** @description allocated − reserved − settled − expired, cents */
            availableCents: number;
            /** @example USD */
            currency: string;
            /** @description expired unused funds, cents */
            expiredCents: number;
            /** @description approved claims marked paid, cents */
            paidCents: number;
            partnerId: string;
            partnerName: string;
            /** @description open pipeline of the deals linked to its claims, cents */
            pipelineCents: number;
            /** @description approved requests not yet claimed, cents */
            reservedCents: number;
            /** @description (pipeline + won) per MDF dollar settled */
            returnPerMdfDollar: number | null;
            /** @description approved claims, cents (paid ones included) */
            settledCents: number;
            /** @description (reserved + settled) ÷ allocated */
            utilisationRate: number | null;
            /** @description won revenue of the deals linked to its claims, cents */
            wonCents: number;
        };
        DashboardMdfProgramDto: {
            /** @description allocations plus adjustments, cents */
            allocatedCents: number;
            /** @description allocated − reserved − settled − expired, cents */
            availableCents: number;
            /** @example USD */
            currency: string;
            /** @description expired unused funds, cents */
            expiredCents: number;
            name: string;
            /** @description approved claims marked paid, cents */
            paidCents: number;
            /** @example 2026-12-31 */
            periodEnd: string;
            /** @example 2026-10-01 */
            periodStart: string;
            /** @description open pipeline of the deals linked to its claims, cents */
            pipelineCents: number;
            programId: string;
            /** @description approved requests not yet claimed, cents */
            reservedCents: number;
            /** @description (pipeline + won) per MDF dollar settled */
            returnPerMdfDollar: number | null;
            /** @description approved claims, cents (paid ones included) */
            settledCents: number;
            /** @description (reserved + settled) ÷ allocated */
            utilisationRate: number | null;
            /** @description won revenue of the deals linked to its claims, cents */
            wonCents: number;
        };
        DashboardTierAdoptionDto: {
            /** @description active and onboarding partners of the tier the kit (any published kit) is for */
            eligible: number;
            /** @description partners of the tier that launched it (any published kit), ever */
            launched: number;
            /** @description launched ÷ eligible; null without eligible partners */
            rate: number | null;
            tierId: string;
            tierName: string;
        };
        DashboardTtfdBucketDto: {
            /** @example 15–30 days */
            label: string;
            /** @description included; null for the open-ended last bucket */
            maxDays: number | null;
            minDays: number;
            partners: number;
        };
        DashboardTtfdDto: {
            /** @description signed partners by days from signing to their first registered deal */
            buckets: components["schemas"]["DashboardTtfdBucketDto"][];
            medianDays: number | null;
            /** @description signed partners without a registered deal since signing */
            withoutDeal: number;
            /** @description of those, signed more than 45 days ago (past the activation gate) */
            withoutDealPastGate: number;
        };
        DashboardWeekDto: {
            /** @description activePartners ÷ partners (0–1); null without partners */
            activePartnerRate: number | null;
            /** @description active partners with a launch, a (filtered) click, a lead or a registered deal that week */
            activePartners: number;
            /** @description clicks without the bots and mail scanners */
            clicksFiltered: number;
            /** @description every recorded click */
            clicksRaw: number;
            leads: number;
            /** @description partners with status active, signed by the end of the week */
            partners: number;
            /**
             * @description its Monday
             * @example 2026-11-16
             */
            startsOn: string;
            /**
             * @description ISO 8601 week (UTC)
             * @example 2026-W47
             */
            week: string;
        };
        DealConflictView: {
            /** @description the other partner's registration */
            deal: components["schemas"]["DealView"] | null;
            id: string;
            /** @enum {string} */
            matchedOn: "domain" | "company_name";
            /** @description 1 for the same domain; the company-name similarity otherwise */
            similarity: number;
            vendorOpportunity: components["schemas"]["VendorOpportunityView"] | null;
        };
        DealDetailView: {
            amountCents: number;
            approvedAt: string | null;
            closedAt: string | null;
            /** @description the registration collided with another registration or a vendor opportunity */
            conflictFlagged: boolean;
            /** @description vendor users only; partners see conflictFlagged */
            conflicts?: components["schemas"]["DealConflictView"][];
            contactEmail: string | null;
            contactName: string | null;
            /** @description the registration time */
            createdAt: string;
            currency: string;
            customerCompany: string;
            customerDomain: string;
            expectedCloseDate: string | null;
            finalAmountCents: number | null;
            id: string;
            /** @description the partner's marketing that touched the customer before registration */
            influence: components["schemas"]["DealInfluenceView"][];
            notes: string | null;
            partnerId: string;
            partnerName: string;
            products: string[];
            protectedUntil: string | null;
            registeredBy: string | null;
            /**
             * @description partner-sourced in every case; concierge: registered by a channel manager for the partner
             * @enum {string}
             */
            registrationMode: "partner" | "concierge" | "import";
            rejectionReason: string | null;
            sourceLaunchId: string | null;
            sourceLeadId: string | null;
            /** @enum {string} */
            status: "submitted" | "approved" | "rejected" | "won" | "lost" | "expired";
            updatedAt: string;
        };
        DealImportReportView: {
            ignoredColumns: string[];
            imported: number;
            rejected: number;
            rows: components["schemas"]["DealImportRowView"][];
            totalRows: number;
        };
        DealImportRowView: {
            dealId: string | null;
            /** @description { field: column name, message } */
            errors: Record<string, never>[];
            /** @enum {string} */
            outcome: "imported" | "rejected";
            /** @description the row number as a spreadsheet shows it (the header is row 1) */
            row: number;
        };
        DealInfluenceView: {
            /** @description the lead id, click id or launch id */
            id: string;
            /** @enum {string} */
            kind: "lead" | "click" | "launch";
            launchId: string | null;
            touchedAt: string;
        };
        DealPageView: {
            items: components["schemas"]["DealView"][];
            nextCursor: string | null;
        };
        DealView: {
            amountCents: number;
            approvedAt: string | null;
            closedAt: string | null;
            /** @description the registration collided with another registration or a vendor opportunity */
            conflictFlagged: boolean;
            contactEmail: string | null;
            contactName: string | null;
            /** @description the registration time */
            createdAt: string;
            currency: string;
            customerCompany: string;
            customerDomain: string;
            expectedCloseDate: string | null;
            finalAmountCents: number | null;
            id: string;
            notes: string | null;
            partnerId: string;
            partnerName: string;
            products: string[];
            protectedUntil: string | null;
            registeredBy: string | null;
            /**
             * @description partner-sourced in every case; concierge: registered by a channel manager for the partner
             * @enum {string}
             */
            registrationMode: "partner" | "concierge" | "import";
            rejectionReason: string | null;
            sourceLaunchId: string | null;
            sourceLeadId: string | null;
            /** @enum {string} */
            status: "submitted" | "approved" | "rejected" | "won" | "lost" | "expired";
            updatedAt: string;
        };
        DecisionNoteDto: {
            /** @description what is missing, or why it is rejected */
            note: string;
        };
        DnsRecordView: {
            /** @example _channelkit.mail.northwind-it.example */
            name: string;
            /** @enum {string} */
            type: "TXT";
            /** @example channelkit-verification=3f1c… */
            value: string;
        };
        DownloadLinkDto: {
            expiresInSeconds: number;
            fileName: string;
            /** @description presigned, issued for this request only */
            url: string;
        };
        DownloadsReportDto: {
            /** Format: date-time */
            from: string;
            rows: components["schemas"]["DownloadsReportRowDto"][];
            /** Format: date-time */
            to: string;
        };
        DownloadsReportRowDto: {
            assetId: string;
            assetTitle: string;
            downloads: number;
            /** Format: date-time */
            lastDownloadAt: string;
            /** @description null: vendor users */
            partnerId: string | null;
            partnerName: string | null;
        };
        EditableField: {
            /** @description url and image: the host must be one of these or a subdomain of one */
            allowedDomains?: string[];
            default?: string;
            help?: string;
            /** @example headline */
            key: string;
            label?: string;
            maxLength?: number;
            /** @description the default is a placeholder the partner must replace before launch */
            mustChange?: boolean;
            /** @description choice: the allowed values */
            options?: string[];
            /** @description a regular expression the whole value must match (text, multiline) */
            pattern?: string;
            patternMessage?: string;
            required?: boolean;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            source: "editable";
            /** @enum {string} */
            type: "text" | "multiline" | "url" | "image" | "choice" | "colour" | "date";
        };
        EligibilityDto: {
            /** @description named partners, eligible whatever their tier or region */
            partnerIds?: string[];
            regions?: ("NA" | "LATAM" | "EMEA" | "APAC")[];
            tierIds?: string[];
        };
        EligibilityImpactDto: {
            /** @description live launches, using the asset, of the partners who would lose it */
            liveLaunches: number;
            /** @description those partners with live launches using it, by name */
            partners: components["schemas"]["AssetUsagePartnerDto"][];
            /** @description partners who may find it in the library now and would not */
            partnersLosingAccess: number;
        };
        EligibilityImpactQueryDto: {
            /** @description the proposed eligibility, as it would be sent to PATCH */
            eligibility: components["schemas"]["EligibilityDto"];
        };
        EmailPreview: {
            html: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "email";
            /** @description what still blocks a launch (required, mustChange) */
            launchBlockers: components["schemas"]["FieldRuleProblem"][];
            preheader: string;
            subject: string;
            /** @description the plain-text part */
            text: string;
        };
        EnrolDto: {
            /** @description partners: a saved audience; its sendable contacts are enrolled */
            audienceId?: string;
            /** @description partners: your contacts to enrol */
            contactIds?: string[];
            /** @description vendors, partner-facing sequences: each partner’s active users of `roles` (default its admins) */
            partnerIds?: string[];
            /** @description with partnerIds or tierIds; default ["partner_admin"], both roles: every active partner user */
            roles?: ("partner_admin" | "partner_user")[];
            /** @description vendors, partner-facing sequences: the active users of `roles` of every partner in the tiers */
            tierIds?: string[];
            /** @description vendors, partner-facing sequences: active partner users to enrol */
            userIds?: string[];
        };
        EnrolmentDetailView: {
            /** @description kit sequences: the partner’s contact */
            contactId: string | null;
            createdAt: string;
            endedAt: string | null;
            exitReason: string | null;
            /** @description the sequence is paused: nothing is sent until it resumes */
            held: boolean;
            id: string;
            launchId: string | null;
            messages: components["schemas"]["EnrolmentMessageView"][];
            nextStepAt: string | null;
            partnerId: string;
            repliedAt: string | null;
            sequenceId: string;
            sequenceVersionId: string;
            /** @enum {string} */
            source: "lead" | "manual" | "audience" | "csv" | "api" | "program";
            /** @enum {string} */
            status: "active" | "completed" | "exited";
            /** @description the next step to run (0-based) */
            stepIndex: number;
            /** @description partner-facing sequences: the partner user */
            userId: string | null;
        };
        EnrolmentMessageView: {
            /** @description status history, oldest first: { type, at, detail } */
            history: Record<string, never>[];
            id: string;
            sentAt: string | null;
            status: string;
            stepIndex: number;
        };
        EnrolmentPageView: {
            items: components["schemas"]["EnrolmentView"][];
            nextCursor: string | null;
        };
        EnrolmentView: {
            /** @description kit sequences: the partner’s contact */
            contactId: string | null;
            createdAt: string;
            endedAt: string | null;
            exitReason: string | null;
            /** @description the sequence is paused: nothing is sent until it resumes */
            held: boolean;
            id: string;
            launchId: string | null;
            nextStepAt: string | null;
            partnerId: string;
            repliedAt: string | null;
            sequenceId: string;
            sequenceVersionId: string;
            /** @enum {string} */
            source: "lead" | "manual" | "audience" | "csv" | "api" | "program";
            /** @enum {string} */
            status: "active" | "completed" | "exited";
            /** @description the next step to run (0-based) */
            stepIndex: number;
            /** @description partner-facing sequences: the partner user */
            userId: string | null;
        };
        EnrolReportView: {
            enrolled: number;
            results: components["schemas"]["EnrolResultView"][];
        };
        EnrolResultView: {
            enrolmentId?: string;
            /**
             * @description inactive: a user not active, or of an inactive partner; no_recipients: a partner or tier without an active user of the roles
             * @enum {string}
             */
            outcome: "enrolled" | "already_enrolled" | "not_found" | "no_consent" | "suppressed" | "inactive" | "no_recipients";
            /** @description partner-facing sequences: the user’s partner */
            partnerId?: string;
            /** @description the contact id, the address of a CSV row, or the user, partner or tier id */
            ref: string;
            /** @description CSV row number (the header is row 1) */
            row?: number;
        };
        ExpiringAssetDto: {
            daysLeft: number;
            /** Format: date-time */
            expiresAt: string;
            id: string;
            /** @description live launches using it */
            liveLaunches: number;
            owner: components["schemas"]["AssetOwnerDto"];
            successor: components["schemas"]["AssetSummaryDto"] | null;
            title: string;
            /** @enum {string} */
            type: "datasheet" | "deck" | "video" | "image" | "legal" | "document";
        };
        ExtendDealDto: {
            /**
             * @description days added to the end of the protection
             * @default 90
             */
            days: number;
        };
        FieldRuleProblem: {
            /** @example headline */
            field: string;
            /** @description names the field */
            message: string;
            /** @description a stable rule name: undeclared, locked, partner, type, maxLength, pattern, choice, palette, domain, required, mustChange */
            rule: string;
        };
        FundAccount: {
            /** @description signed manual adjustments, cents */
            adjustedCents: number;
            /** @description cents */
            allocatedCents: number;
            currency: string;
            /** Format: date-time */
            expiredAt: string | null;
            /** @description expired unused funds, cents */
            expiredCents: number;
            id: string;
            partnerId: string;
            programId: string;
            /** @description approved requests not yet claimed, cents */
            reservedCents: number;
            /** @description approved claims, cents */
            settledCents: number;
        };
        FundAccountLedger: {
            account: components["schemas"]["FundBalance"];
            /** @description oldest first */
            entries: components["schemas"]["LedgerEntry"][];
        };
        FundBalance: {
            /** @description signed manual adjustments, cents */
            adjustedCents: number;
            /** @description cents */
            allocatedCents: number;
            /** @description allocated + adjusted − reserved − settled − expired, cents */
            availableCents: number;
            currency: string;
            /** Format: date-time */
            expiredAt: string | null;
            /** @description expired unused funds, cents */
            expiredCents: number;
            id: string;
            partnerId: string;
            programId: string;
            /** @description approved requests not yet claimed, cents */
            reservedCents: number;
            /** @description approved claims, cents */
            settledCents: number;
        };
        FundBalanceListDto: {
            items: components["schemas"]["FundBalance"][];
        };
        ImportCreatedView: {
            completedAt: string | null;
            createdAt: string;
            fileName: string | null;
            /** @description the first rejected rows (up to 100); the full report is at GET /contacts/imports/:id */
            firstRejected: components["schemas"]["ImportRowView"][];
            id: string;
            /** @description header columns that were not recognised and were ignored */
            ignoredColumns: string[];
            imported: number;
            rejected: number;
            /** @enum {string} */
            status: "processing" | "completed" | "failed";
            /** @description data rows in the file (blank lines not counted) */
            totalRows: number;
            updated: number;
        };
        ImportReportView: {
            completedAt: string | null;
            createdAt: string;
            fileName: string | null;
            id: string;
            /** @description header columns that were not recognised and were ignored */
            ignoredColumns: string[];
            imported: number;
            nextCursor: string | null;
            rejected: number;
            rows: components["schemas"]["ImportRowView"][];
            /** @enum {string} */
            status: "processing" | "completed" | "failed";
            /** @description data rows in the file (blank lines not counted) */
            totalRows: number;
            updated: number;
        };
        ImportRowErrorView: {
            /** @example INVALID_EMAIL */
            code: string;
            /** @example email */
            field: string | null;
            message: string;
        };
        ImportRowView: {
            contactId: string | null;
            email: string | null;
            errors: components["schemas"]["ImportRowErrorView"][];
            /** @enum {string} */
            outcome: "imported" | "updated" | "rejected";
            /** @description row number as a spreadsheet shows it (the header is row 1) */
            row: number;
        };
        InvitePartnerUserDto: {
            /** @example jane@northwind-it.example */
            email: string;
            /** @example Jane Doe */
            name: string;
            /** @enum {string} */
            role: "partner_admin" | "partner_user";
        };
        InviteVendorUserDto: {
            /** @example jane@northwind-it.example */
            email: string;
            /** @example Jane Doe */
            name: string;
            /** @enum {string} */
            role: "vendor_admin" | "vendor_marketer" | "channel_manager" | "finance";
        };
        KitAssetIssueView: {
            assetId: string;
            /** @description withdrawn (or unknown) assets block launches; a replaced one is served by its successor */
            blocking: boolean;
            /** @description the kit fields that refer to it (assetIds[0], destinations[1].assetId, templateIds[2]) */
            fields: string[];
            /** @enum {string} */
            state: "withdrawn" | "replaced" | "unknown";
            /** @description replaced: the asset standing in */
            successor: components["schemas"]["KitAssetSuccessorView"] | null;
            title: string | null;
        };
        KitAssetSuccessorView: {
            id: string;
            title: string;
        };
        KitAssetView: {
            id: string;
            /** @enum {string} */
            state: "live" | "replaced" | "withdrawn" | "unknown";
            title: string | null;
            type: string | null;
        };
        KitDestinationDto: {
            /** @description a library asset the links serve (its current file, or its successor's); give this or url */
            assetId?: string;
            /** @example trial */
            key: string;
            /** @example Free trial */
            label: string;
            /**
             * @description where the links go; give this or assetId
             * @example https://www.acme-cloud.example/backup-5/trial
             */
            url?: string;
        };
        KitEligibilityDto: {
            /** @description named partners, eligible whatever their tier or region */
            partnerIds?: string[];
            regions?: ("NA" | "LATAM" | "EMEA" | "APAC")[];
            tierIds?: string[];
        };
        KitPageView: {
            items: components["schemas"]["KitView"][];
            nextCursor: string | null;
        };
        KitResults: {
            /** @description every tier, by rank */
            adoption: components["schemas"]["KitTierAdoption"][];
            kitId: string;
            totals: components["schemas"]["KitResultTotals"];
        };
        KitResultTotals: {
            /** @description clicks without bots and mail security scanners */
            clicksFiltered: number;
            /** @description every click recorded */
            clicksRaw: number;
            /** @description distinct visitors (per link and day) among the filtered clicks */
            clicksUnique: number;
            /** @description leads ÷ filtered clicks; null before the first click */
            clickToLeadRate: number | null;
            launches: number;
            leads: number;
            /** @description pixel opens without bots (approximate: image blocking, privacy proxies) */
            opensFiltered: number;
            /** @description the launches’ emails (blasts and nurture steps), by outcome */
            sends: components["schemas"]["SendCounts"];
        };
        KitTemplate: {
            templateId: string;
            /** @description frozen when the kit version is published; null on a draft */
            templateVersionId: string | null;
        };
        KitTierAdoption: {
            /** @description active or onboarding partners of the tier that the kit’s eligibility admits */
            eligible: number;
            /** @description partners of the tier that launched the kit (any version, any status) */
            launched: number;
            /** @description launched ÷ eligible (0 to 1, four decimals); null when none is eligible */
            rate: number | null;
            tierId: string;
            tierName: string;
        };
        KitVersionView: {
            /** @description the kit's own library assets */
            assetIds: string[];
            description: string;
            /** @description each with a key and label, and either url or assetId (a library asset) */
            destinations: components["schemas"]["KitDestinationDto"][];
            /** @description named partners, or partners matching the tiers and regions (none given: every partner) */
            eligibility: components["schemas"]["KitEligibilityDto"];
            endsAt: string | null;
            id: string;
            name: string;
            objective: string;
            publishedAt: string | null;
            startsAt: string | null;
            /** @enum {string} */
            status: "draft" | "published";
            templates: components["schemas"]["KitTemplate"][];
            version: number;
        };
        KitView: {
            /** @description detail: referenced library assets that are withdrawn (blocking) or replaced (informational) */
            assetIssues?: components["schemas"]["KitAssetIssueView"][];
            /** @description detail: the kit's own library assets and their state */
            assets?: components["schemas"]["KitAssetView"][];
            /** @description vendors, detail and publish: auto-launch progress (n of N) */
            autoLaunch?: components["schemas"]["AutoLaunchProgress"];
            category: string;
            id: string;
            /** @description the newest published version; null before the first publish */
            publishedVersion: number | null;
            slug: string;
            /** @enum {string} */
            status: "draft" | "published" | "retired";
            /** @description vendors: the latest version (the draft when there is one); partners: the published one */
            version: components["schemas"]["KitVersionView"];
        };
        LandingPagePreview: {
            html: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "landing_page";
            /** @description what still blocks a launch (required, mustChange) */
            launchBlockers: components["schemas"]["FieldRuleProblem"][];
        };
        LaunchDetailView: {
            audienceId: string | null;
            /** @description messages the blast queued (sendable contacts at send time) */
            blastCount: number;
            /** @enum {string} */
            blastStatus: "none" | "scheduled" | "expanding" | "queued" | "cancelled";
            /** @description the email template of the blast */
            blastTemplateId: string | null;
            createdAt: string;
            edits: Record<string, never>;
            endedAt: string | null;
            id: string;
            kitId: string;
            kitVersionId: string;
            links: components["schemas"]["LaunchLinkView"][];
            /** @enum {string} */
            mode: "partner" | "concierge" | "auto";
            partnerId: string;
            /** @description the launch's co-branded banners (re-rendered when a library file in them was swapped) */
            renditions: components["schemas"]["LaunchRenditionItemView"][];
            sendAt: string | null;
            /** @enum {string} */
            status: "active" | "paused" | "ended";
            /** @description a newer version of the kit is published */
            updateAvailable?: boolean;
        };
        LaunchDto: {
            /** @description the audience to email (sending is scheduled with the launch) */
            audienceId?: string;
            /**
             * @description template id → { field key: value }
             * @example {
             *       "<templateId>": {
             *         "headline": "Back up everything"
             *       }
             *     }
             */
            edits?: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            /** @description which of the kit's email templates the blast sends; default the kit's first */
            emailTemplateId?: string;
            /** @description vendors (concierge): the partner to launch for; partner users always launch for themselves */
            partnerId?: string;
            /** @description when to send the email: an ISO 8601 time with an offset, or a local time without one (2026-12-01T09:00), read in the partner time zone; default now */
            sendAt?: string;
        };
        LaunchLinkView: {
            /** @description a link to a library asset: it serves the file the asset stands for now */
            assetId: string | null;
            /** @description <template key>.<destination key> */
            assetKey: string;
            destinationUrl: string;
            /** @enum {string} */
            medium: "email" | "social" | "banner" | "landing";
            /** @enum {string} */
            status: "active" | "ended";
            /** @description the trackable link to use in this asset */
            url: string;
        };
        LaunchPageView: {
            items: components["schemas"]["LaunchView"][];
            nextCursor: string | null;
        };
        LaunchRenditionItemView: {
            contentType?: string;
            height?: number;
            templateId: string;
            templateName: string;
            /** @description a short-lived download URL of the stored image */
            url?: string;
            width?: number;
            /** @description its library background is withdrawn: there is no image to show */
            withdrawn?: boolean;
        };
        LaunchResults: {
            clicks: components["schemas"]["ClickCounts"];
            /** @description leads ÷ filtered clicks; null before the first click */
            clickToLeadRate: number | null;
            launchId: string;
            leads: number;
            links: components["schemas"]["LinkStats"][];
            /** @description pixel opens are approximate (image blocking, privacy proxies) */
            opens: components["schemas"]["OpenCounts"];
            /** @description the launch’s email blast (and nurture steps sent under it), by outcome */
            sends: components["schemas"]["SendCounts"];
        };
        LaunchView: {
            audienceId: string | null;
            /** @description messages the blast queued (sendable contacts at send time) */
            blastCount: number;
            /** @enum {string} */
            blastStatus: "none" | "scheduled" | "expanding" | "queued" | "cancelled";
            /** @description the email template of the blast */
            blastTemplateId: string | null;
            createdAt: string;
            edits: Record<string, never>;
            endedAt: string | null;
            id: string;
            kitId: string;
            kitVersionId: string;
            /** @enum {string} */
            mode: "partner" | "concierge" | "auto";
            partnerId: string;
            sendAt: string | null;
            /** @enum {string} */
            status: "active" | "paused" | "ended";
            /** @description a newer version of the kit is published */
            updateAvailable?: boolean;
        };
        LeadContactView: {
            company: string | null;
            email: string;
            firstName: string | null;
            lastName: string | null;
            title: string | null;
        };
        LeadPageView: {
            items: components["schemas"]["LeadView"][];
            nextCursor: string | null;
        };
        LeadStatusDto: {
            /** @enum {string} */
            status: "new" | "working" | "converted" | "disqualified";
        };
        LeadStatusView: {
            id: string;
            /** @enum {string} */
            status: "new" | "working" | "converted" | "disqualified";
            statusChangedAt: string | null;
        };
        LeadView: {
            /** @description the asset (template.destination) of that click */
            assetKey: string | null;
            /** @description the click that brought the visitor */
            clickId: string | null;
            /** @enum {string} */
            consent: "granted" | "unknown";
            /** @description null for vendor users until the partner shares the lead */
            contact: components["schemas"]["LeadContactView"] | null;
            createdAt: string;
            id: string;
            kitId: string;
            kitName: string;
            launchId: string;
            partnerId: string;
            partnerName: string;
            sharedWithVendorAt: string | null;
            /** @example landing_page */
            source: string;
            /** @enum {string} */
            status: "new" | "working" | "converted" | "disqualified";
            statusChangedAt: string | null;
        };
        LedgerEntry: {
            accountId: string;
            actorUserId: string | null;
            /** @description signed cents */
            amountCents: number;
            claimId: string | null;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            id: string;
            /** @enum {string} */
            kind: "allocate" | "reserve" | "release" | "settle" | "expire" | "adjust";
            reason: string | null;
            requestId: string | null;
        };
        LibraryItemDto: {
            bytes: number;
            contentType: string;
            description: string;
            /** Format: date-time */
            expiresAt: string | null;
            fileName: string;
            id: string;
            locale: string;
            /** Format: date-time */
            publishAt: string;
            successor: components["schemas"]["AssetSummaryDto"] | null;
            tags: string[];
            thumbnailUrl: string | null;
            title: string;
            /** @enum {string} */
            type: "datasheet" | "deck" | "video" | "image" | "legal" | "document";
        };
        LibraryPageDto: {
            items: components["schemas"]["LibraryItemDto"][];
            nextCursor: string | null;
        };
        LinkedDeal: {
            amountCents: number;
            /** Format: date-time */
            closedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            customerCompany: string;
            finalAmountCents: number | null;
            id: string;
            status: string;
        };
        LinkStats: {
            /** @description what the link points at in the kit (a destination key) */
            assetKey: string;
            clicks: components["schemas"]["ClickCounts"];
            /** @description the short code of /l/{code} */
            code: string;
            launchId: string | null;
            linkId: string;
            /** @example email */
            medium: string;
            partnerId: string;
        };
        LockedField: {
            /** @example headline */
            key: string;
            label?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            source: "locked";
            /** @enum {string} */
            type: "text" | "multiline" | "url" | "image" | "choice" | "colour" | "date";
            value: string;
        };
        LoginDto: {
            /** @example partner.admin@northwind-it.example */
            email: string;
            password: string;
        };
        LogoView: {
            height: number;
            profileVersion: number;
            /** @description short-lived download URL of the normalised PNG */
            url: string;
            width: number;
        };
        LogoZone: {
            /** @description a partner field with profile logo */
            field: string;
            height: number;
            /** @description pixels kept clear inside the zone on every side */
            padding?: number;
            /**
             * @description a plate behind the logo for contrast: #RRGGBB or a brand colour (brand.background)
             * @example #FFFFFF
             */
            plate?: string;
            plateRadius?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "logo";
            width: number;
            x: number;
            y: number;
        };
        Manifest: {
            fields: (components["schemas"]["LockedField"] | components["schemas"]["PartnerField"] | components["schemas"]["EditableField"])[];
        };
        MarkPaidDto: {
            /** @example 2027-05-02 */
            paidOn: string;
            /** @example WIRE-2027-0042 */
            paymentReference: string;
        };
        MdfFile: {
            bytes: number;
            /** @description the claim it was submitted with; null while it is only uploaded */
            claimId: string | null;
            /** @description read from the content */
            contentType: string;
            /**
             * Format: date-time
             * @description when it was uploaded
             */
            createdAt: string;
            /** @description the name it was uploaded with, made safe (letters, digits, `.`, `-`, `_`); null for files uploaded before names were kept */
            fileName: string | null;
            id: string;
            /** @enum {string} */
            kind: "invoice" | "proof";
            partnerId: string;
            requestId: string;
        };
        MdfRequest: {
            accountId: string;
            /** @enum {string} */
            activityType: "event" | "webinar" | "paid_digital" | "email_launch" | "content_syndication" | "trade_show" | "other";
            approvedCents: number | null;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            /** Format: date-time */
            decidedAt: string | null;
            /** @description the channel manager who decided it (never its submitter) */
            decidedBy: string | null;
            decisionNote: string | null;
            description: string;
            /** @example 2027-02-12 */
            endsOn: string;
            expectedPipelineCents: number;
            id: string;
            launchIds: string[];
            partnerId: string;
            plannedCostCents: number;
            programId: string;
            requestedCents: number;
            /** @example 2027-02-10 */
            startsOn: string;
            /** @enum {string} */
            status: "submitted" | "info_requested" | "approved" | "rejected";
            /**
             * Format: date-time
             * @description the latest submission (a resubmission moves it); createdAt is the first
             */
            submittedAt: string;
            submittedBy: string;
        };
        MdfRequestPageDto: {
            items: components["schemas"]["MdfRequest"][];
            nextCursor: string | null;
        };
        MessageDetailView: {
            attempts: number;
            bouncedAt: string | null;
            clickedAt: string | null;
            createdAt: string;
            deliveredAt: string | null;
            dueAt: string;
            enrolmentId: string | null;
            /** @description status history, oldest first */
            history: components["schemas"]["MessageEventView"][];
            /** @description why it is held or was cancelled */
            holdReason: string | null;
            id: string;
            /** @enum {string} */
            kind: "blast" | "nurture" | "program";
            lastError: string | null;
            launchId: string | null;
            /** @description first open (pixel; approximate) */
            openedAt: string | null;
            partnerId: string;
            repliedAt: string | null;
            sentAt: string | null;
            /** @enum {string} */
            status: "queued" | "dispatched" | "sending" | "sent" | "held" | "suppressed" | "cancelled" | "bounced" | "failed";
            stepIndex: number | null;
            subject: string | null;
            /** @description the recipient; a contact's address is masked for vendor users */
            to: string;
            unsubscribedAt: string | null;
        };
        MessageEventView: {
            at: string;
            detail: Record<string, never> | null;
            /** @description queued, deferred, held, released, sent, retry, bounced, delivered, opened, clicked, unsubscribed, replied, … */
            type: string;
        };
        MessagePageView: {
            items: components["schemas"]["MessageView"][];
            nextCursor: string | null;
        };
        MessageView: {
            attempts: number;
            bouncedAt: string | null;
            clickedAt: string | null;
            createdAt: string;
            deliveredAt: string | null;
            dueAt: string;
            enrolmentId: string | null;
            /** @description why it is held or was cancelled */
            holdReason: string | null;
            id: string;
            /** @enum {string} */
            kind: "blast" | "nurture" | "program";
            lastError: string | null;
            launchId: string | null;
            /** @description first open (pixel; approximate) */
            openedAt: string | null;
            partnerId: string;
            repliedAt: string | null;
            sentAt: string | null;
            /** @enum {string} */
            status: "queued" | "dispatched" | "sending" | "sent" | "held" | "suppressed" | "cancelled" | "bounced" | "failed";
            stepIndex: number | null;
            subject: string | null;
            /** @description the recipient; a contact's address is masked for vendor users */
            to: string;
            unsubscribedAt: string | null;
        };
        OpenCounts: {
            /**
             * @description always true: image blocking and privacy proxies make pixel opens approximate
             * @enum {boolean}
             */
            approximate: true;
            filtered: number;
            raw: number;
        };
        PartnerAudiencePageView: {
            /** @description by name */
            items: components["schemas"]["PartnerAudienceView"][];
            nextCursor: string | null;
        };
        PartnerAudienceView: {
            id: string;
            /** @description contacts matching its filter */
            matching: number;
            name: string;
            /** @description of those, the ones a launch would email (consent granted, not suppressed) */
            sendable: number;
        };
        PartnerField: {
            /** @description used when the partner’s profile has no value for it */
            fallback?: string;
            /** @example headline */
            key: string;
            label?: string;
            /** @enum {string} */
            profile: "logo" | "name" | "phone" | "address" | "website" | "disclaimer" | "colour";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            source: "partner";
        };
        PartnerMetricsDto: {
            /** @description deal registrations, any status */
            deals: number;
            /** @description when its first deal was registered (any status) */
            firstDealAt: string | null;
            id: string;
            /**
             * @description what that latest activity was
             * @enum {string|null}
             */
            lastActivity: "deal" | "lead" | "click" | "launch" | "mdf_request" | "mdf_claim" | "sign_in" | null;
            /** @description the latest of: a launch of a kit (by the partner, for it, or automatically), a click on its trackable links (bots and mail scanners left out), a lead captured, a deal registered, an MDF pre-approval request or claim submitted, a sign-in of one of its users; null when none is recorded */
            lastActivityAt: string | null;
            /** @description launches not ended (active or paused) */
            liveLaunches: number;
            name: string;
            /** @enum {string} */
            region: "NA" | "LATAM" | "EMEA" | "APAC";
            /**
             * @description the day the partner joined (its agreement was signed); null while it is not signed
             * @example 2026-09-01
             */
            signedAt: string | null;
            /** @enum {string} */
            status: "prospect" | "onboarding" | "active" | "inactive";
            tier: components["schemas"]["PartnerMetricsTierDto"];
            /** @description whole days from the signing day (midnight UTC) to the first deal registered on or after it, as the dashboard’s time-to-first-deal counts; null when not signed or without such a deal */
            timeToFirstDealDays: number | null;
        };
        PartnerMetricsPageDto: {
            items: components["schemas"]["PartnerMetricsDto"][];
            nextCursor: string | null;
            /** @description partners matching the search and filters, over every page */
            total: number;
        };
        PartnerMetricsTierDto: {
            id: string;
            name: string;
        };
        PartnerPageView: {
            items: components["schemas"]["PartnerView"][];
            nextCursor: string | null;
        };
        PartnerProgramMetrics: {
            /** @description allocations plus adjustments, cents */
            allocatedCents: number;
            /** @description actual spend of the claims that are not rejected, cents */
            claimedCents: number;
            currency: string;
            expiredCents: number;
            paidCents: number;
            partnerId: string;
            partnerName: string;
            /** @description open pipeline of the deals linked to its claims, cents */
            pipelineCents: number;
            reservedCents: number;
            /** @description (pipeline + won) per unit of MDF settled; null before anything is settled */
            returnPerMdfDollar: number | null;
            settledCents: number;
            /** @description (reserved + settled) ÷ allocated; null without an allocation */
            utilisationRate: number | null;
            /** @description won revenue of the deals linked to its claims, cents */
            wonCents: number;
        };
        PartnerView: {
            address: string | null;
            brandColour: string | null;
            createdAt: string;
            id: string;
            legalDisclaimer: string | null;
            /** @description logo size in pixels, when a logo is set */
            logo: Record<string, never> | null;
            name: string;
            phone: string | null;
            profileVersion: number;
            /** @enum {string} */
            region: "NA" | "LATAM" | "EMEA" | "APAC";
            signedAt: string | null;
            slug: string;
            /** @enum {string} */
            status: "prospect" | "onboarding" | "active" | "inactive";
            tierId: string;
            timeZone: string;
            updatedAt: string;
            website: string | null;
        };
        Program: {
            /** @description accrual in basis points of won revenue */
            accrualBps: number;
            /** @example 2026-12-31 */
            accrualEnd: string | null;
            /** @example 2026-10-01 */
            accrualStart: string | null;
            claimDeadlineDays: number;
            /** Format: date-time */
            createdAt: string;
            /** @example USD */
            currency: string;
            /** Format: date-time */
            expiredAt: string | null;
            /**
             * Format: date-time
             * @description when unused funds expire: the end of the period plus the grace days
             */
            expiresAt: string;
            graceDays: number;
            id: string;
            name: string;
            /** @example 2027-03-31 */
            periodEnd: string;
            /** @example 2027-01-01 */
            periodStart: string;
            tierAmounts: components["schemas"]["TierAmountDto"][];
        };
        ProgramListDto: {
            items: components["schemas"]["Program"][];
        };
        ProgramMetrics: {
            /** @description share of the program’s partners with a deal registered in the last 90 days */
            activePartnerRate: number | null;
            currency: string;
            /** @description median days from signing to the first registered deal, over partners that have both */
            medianTimeToFirstDealDays: number | null;
            partners: components["schemas"]["PartnerProgramMetrics"][];
            pipeline: components["schemas"]["ProgramPipeline"];
            programId: string;
            timeToFirstDeal: components["schemas"]["TimeToFirstDeal"][];
            totals: components["schemas"]["ProgramMetricsTotals"];
        };
        ProgramMetricsTotals: {
            allocatedCents: number;
            claimedCents: number;
            expiredCents: number;
            paidCents: number;
            reservedCents: number;
            settledCents: number;
            utilisationRate: number | null;
        };
        ProgramPipeline: {
            /** @description deals a launch, lead or click touched before registration (a deal can be both sourced and influenced) */
            influencedPipelineCents: number;
            influencedWonCents: number;
            partnerSourcedPipelineCents: number;
            partnerSourcedWonCents: number;
        };
        ProofPackLinkDto: {
            /** @description a short-lived download URL of the pack (HTML) */
            url: string;
        };
        ProviderBounceDto: {
            /** @example 550 5.1.1 user unknown */
            diagnostic?: string;
            /**
             * @description hard: the address does not exist (suppressed everywhere); soft: a temporary failure (recorded only)
             * @enum {string}
             */
            kind: "hard" | "soft";
        };
        ProviderEventDto: {
            /**
             * @description when it happened (ISO 8601); default: when it is received
             * @example 2025-05-01T09:30:00Z
             */
            at?: string;
            /** @description required when type is bounce */
            bounce?: components["schemas"]["ProviderBounceDto"];
            /**
             * @description the provider's id of the event; an id already received is ignored
             * @example evt_01HZX3
             */
            id: string;
            /**
             * @description the Message-ID header of the message the event is about, angle brackets optional
             * @example <0b6f8c1e-3a43-4c55-9f7e-2f1d7f3f0c11@mail.acme-cloud.example>
             */
            messageId: string;
            /** @enum {string} */
            type: "delivered" | "bounce" | "complaint" | "reply";
        };
        ProviderEventsDto: {
            events: components["schemas"]["ProviderEventDto"][];
        };
        ProviderEventsResultView: {
            /** @description events applied now */
            accepted: number;
            /** @description events whose id was already received (ignored) */
            duplicates: number;
            /** @description events about a Message-ID this platform did not send (ignored) */
            unknown: number;
        };
        QuietHoursDto: {
            /** @example 08:00 */
            end: string;
            /** @example 20:00 */
            start: string;
        };
        RegisterDealDto: {
            /**
             * @description integer minor units (cents)
             * @example 2500000
             */
            amountCents: number;
            contactEmail?: string;
            contactName?: string;
            /** @example EUR */
            currency: string;
            /** @example Globex Corporation */
            customerCompany: string;
            /**
             * @description a domain or website; stored as the lower-case host without www.
             * @example globex.example
             */
            customerDomain: string;
            /** @example 2027-02-15 */
            expectedCloseDate?: string;
            notes?: string;
            /** @description channel managers (concierge registration): the partner the deal is registered for; partner users always register for themselves */
            partnerId?: string;
            /**
             * @example [
             *       "Backup 5"
             *     ]
             */
            products?: string[];
            /** @description the partner's launch that produced the opportunity */
            sourceLaunchId?: string;
            /** @description the partner's lead it came from (its launch is the source launch unless given) */
            sourceLeadId?: string;
        };
        RejectDealDto: {
            /** @description shown to the partner */
            reason: string;
        };
        ReviewQueueClaim: {
            activityType: string;
            actualSpendCents: number;
            approvedCents: number | null;
            /** @description the most finance may approve, cents */
            capCents: number;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            deals: components["schemas"]["LinkedDeal"][];
            /** @description whether its proof-of-performance pack is ready (download it through /proof-pack) */
            hasProofPack: boolean;
            id: string;
            /** @description the Idempotency-Key it was submitted with */
            idempotencyKey: string;
            paidBy: string | null;
            /** @example 2027-05-02 */
            paidOn: string | null;
            partnerId: string;
            partnerName: string;
            paymentReference: string | null;
            programId: string;
            /** @description what the request was approved for, cents */
            requestApprovedCents: number;
            requestId: string;
            returns: components["schemas"]["ClaimReturn"];
            /** Format: date-time */
            reviewedAt: string | null;
            reviewedBy: string | null;
            reviewNote: string | null;
            /** @enum {string} */
            status: "submitted" | "info_requested" | "approved" | "rejected" | "paid";
            /**
             * Format: date-time
             * @description the latest submission (a resubmission moves it); createdAt is the first
             */
            submittedAt: string;
            submittedBy: string;
        };
        ReviewQueuePageDto: {
            items: components["schemas"]["ReviewQueueClaim"][];
            nextCursor: string | null;
        };
        SendCounts: {
            bounced: number;
            cancelled: number;
            delivered: number;
            failed: number;
            /** @description written and waiting (queued, in flight, held by a pause) */
            pending: number;
            sent: number;
            suppressed: number;
            unsubscribed: number;
        };
        SendingDomainView: {
            createdAt: string;
            dkimConfigured: boolean;
            /** @description the DKIM public key record to publish, once a key is set */
            dkimRecord: components["schemas"]["DnsRecordView"] | null;
            dkimSelector: string | null;
            domain: string;
            /** @example marketing@mail.northwind-it.example */
            fromAddress: string;
            fromLocalPart: string;
            id: string;
            partnerId: string;
            /** @description the TXT record to create before asking for verification */
            verificationRecord: components["schemas"]["DnsRecordView"];
            /** @description verified domains are used as the partner’s From address (the first verified one) */
            verified: boolean;
            verifiedAt: string | null;
        };
        SequencePageView: {
            items: components["schemas"]["SequenceView"][];
            nextCursor: string | null;
        };
        SequenceVersionView: {
            exitOn: string[];
            id: string;
            publishedAt: string;
            quietHours: components["schemas"]["QuietHoursDto"] | null;
            /** @description email steps carry the frozen templateVersionId */
            steps: Record<string, never>[];
            version: number;
        };
        SequenceView: {
            /** @enum {string} */
            audience: "contacts" | "partner_users";
            createdAt: string;
            draftExitOn?: string[];
            draftQuietHours?: components["schemas"]["QuietHoursDto"] | null;
            /** @description vendors: the draft the next publish freezes */
            draftSteps?: Record<string, never>[];
            id: string;
            /** @description built-in programs only */
            key: string | null;
            kitId: string | null;
            name: string;
            /** @enum {string} */
            status: "draft" | "active" | "paused";
            updatedAt: string;
            /** @description the published version new enrolments start on */
            version: components["schemas"]["SequenceVersionView"] | null;
        };
        SessionView: {
            expiresAt: string;
            /** @description send as Authorization: Bearer <token> */
            token: string;
            user: components["schemas"]["UserView"];
        };
        SetDkimKeyDto: {
            /** @description PEM private key (RSA, at least 1024 bits; 2048 recommended). Stored for signing, never returned. */
            privateKey: string;
            /**
             * @description the DKIM selector: the key is published at <selector>._domainkey.<domain>
             * @example ck2025
             */
            selector: string;
        };
        SocialPostLength: {
            /** @description characters, as the network counts them */
            length: number;
            limit: number;
        };
        SocialPostPreview: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "social_post";
            /** @description what still blocks a launch (required, mustChange) */
            launchBlockers: components["schemas"]["FieldRuleProblem"][];
            /** @description per network of the template */
            lengths: {
                [key: string]: components["schemas"]["SocialPostLength"];
            };
            text: string;
        };
        SocialSpec: {
            /** @description the key of a banner template shown with the post */
            bannerTemplate?: string;
            networks: ("linkedin" | "x" | "facebook" | "instagram")[];
        };
        SubmitClaimDto: {
            /** @description what the activity actually cost, minor units */
            actualSpendCents: number;
            /** @description deals you registered after the activity started that it produced */
            dealIds?: string[];
            /** @description uploaded invoice and proof files of the request (at least one invoice) */
            fileIds: string[];
            requestId: string;
        };
        TemplateInvalidDetails: {
            /** @description every problem, in the order found */
            problems: components["schemas"]["TemplatePublishProblem"][];
        };
        TemplateInvalidErrorBody: {
            /** @enum {string} */
            code: "TEMPLATE_INVALID";
            details: components["schemas"]["TemplateInvalidDetails"];
            /** @description the first problems, in words */
            message: string;
            requestId: string;
            /** @example 422 */
            statusCode: number;
        };
        TemplatePageView: {
            items: components["schemas"]["TemplateView"][];
            nextCursor: string | null;
        };
        TemplatePublishProblem: {
            /** @description the line of the body the problem is on, from 1 (0: the body as a whole, no one line) */
            line?: number;
            message: string;
            /**
             * @description the value the problem is in, when it is not a line of the body
             * @example banner.zones[0].field
             */
            path?: string;
        };
        TemplateVersionView: {
            /** @description banners: canvas and zones (a draft holds what was saved; publishing checks it) */
            banner: components["schemas"]["BannerSpec"] | null;
            /** @description template source (vendors only) */
            body?: string;
            id: string;
            manifest: components["schemas"]["Manifest"];
            preheader: string | null;
            publishedAt: string | null;
            /** @description social posts: networks and the banner shown with the post (a draft holds what was saved; publishing checks it) */
            social: components["schemas"]["SocialSpec"] | null;
            /** @enum {string} */
            status: "draft" | "published";
            subject: string | null;
            updatedAt: string;
            version: number;
        };
        TemplateView: {
            /** @description the newest version (the draft when there is one); partners: the published one */
            currentVersion: number | null;
            /** @description a draft holds changes not yet published (always false for partners) */
            hasDraft: boolean;
            id: string;
            key: string;
            /** @enum {string} */
            kind: "email" | "landing_page" | "banner" | "social_post";
            name: string;
            /** @description the newest published version */
            publishedVersion: number | null;
            /**
             * @description published: partners can use its published version; draft: never published
             * @enum {string}
             */
            status: "draft" | "published";
            updatedAt: string;
            versions?: components["schemas"]["TemplateVersionView"][];
        };
        TextZone: {
            /** @enum {string} */
            align?: "left" | "centre" | "right";
            /**
             * @description #RRGGBB or a brand colour
             * @example brand.primary
             */
            colour: string;
            /** @description a text, multiline, choice or date field */
            field: string;
            /** @enum {string} */
            font: "heading" | "body";
            /** @description the largest size in pixels; longer text is shrunk down to minFontSize, then refused */
            fontSize: number;
            height: number;
            minFontSize?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "text";
            width: number;
            x: number;
            y: number;
        };
        TierAmountDto: {
            /** @description integer minor units (cents) */
            amountCents: number;
            tierId: string;
        };
        TierView: {
            attributes: Record<string, never>;
            defaultMdfReimbursementPct: number;
            id: string;
            name: string;
            rank: number;
        };
        TimeToFirstDeal: {
            days: number | null;
            firstDealAt: string | null;
            partnerId: string;
            /** @example 2026-03-01 */
            signedAt: string | null;
        };
        UpdateAssetDto: {
            description?: string;
            /** @description which partners find it in the library (list, detail, preview, download); no criteria at all: every partner. Narrowing it takes effect at once: a partner left out no longer lists it and its detail and download answer 404. Live launches keep what they use: their emails, pages, renditions and links go on resolving the asset, because what a launch carries is decided by its kit, not by the library. `POST /api/v1/assets/{id}/eligibility-impact` tells beforehand which partners with live launches using it would lose it from their library. */
            eligibility?: components["schemas"]["EligibilityDto"];
            /**
             * Format: date-time
             * @description after publishAt and in the future; null: never expires
             * @example 2027-06-30T00:00:00Z
             */
            expiresAt?: string | null;
            /**
             * @description BCP 47 language tag
             * @example en
             */
            locale?: string;
            /** @description an active vendor user (see GET /api/v1/assets/owners); the creator by default */
            ownerUserId?: string;
            /**
             * @description partners see it from then; now by default
             * @example 2026-11-01T00:00:00Z
             */
            publishAt?: string;
            /**
             * Format: uuid
             * @description the asset that stands in once this one expires: same type, usable, no cycle; null clears it
             */
            successorId?: string | null;
            /**
             * @description trimmed; duplicates (ignoring case) dropped
             * @example [
             *       "backup",
             *       "datasheet"
             *     ]
             */
            tags?: string[];
            /** @example Backup 5 datasheet */
            title?: string;
        };
        UpdateAudienceDto: {
            /** @description replaces the whole filter */
            filter?: components["schemas"]["AudienceFilterDto"];
            name?: string;
        };
        UpdateClaimDto: {
            actualSpendCents?: number;
            dealIds?: string[];
            fileIds?: string[];
        };
        UpdateContactDto: {
            company?: Record<string, never> | null;
            consentSource?: Record<string, never> | null;
            /** @enum {string} */
            consentStatus?: "granted" | "pending" | "denied" | "unknown";
            /** @example DE */
            country?: Record<string, never> | null;
            email?: string;
            firstName?: Record<string, never> | null;
            lastName?: Record<string, never> | null;
            /** @example Europe/Berlin */
            timeZone?: Record<string, never> | null;
            title?: Record<string, never> | null;
        };
        UpdateKitDto: {
            /** @description the kit's own content from the library (datasheets, decks); frozen at publish */
            assetIds?: string[];
            description?: string;
            destinations?: components["schemas"]["KitDestinationDto"][];
            eligibility?: components["schemas"]["KitEligibilityDto"];
            /** @example 2027-01-31T00:00:00Z */
            endsAt?: Record<string, never> | null;
            name?: string;
            /** @example Generate trial sign-ups for Backup 5 */
            objective?: string;
            /** @example 2026-11-01T00:00:00Z */
            startsAt?: Record<string, never> | null;
            /** @description templates in the kit (their published versions are frozen at publish) */
            templateIds?: string[];
        };
        UpdatePartnerDto: {
            address?: Record<string, never> | null;
            /** @example #0B5FFF */
            brandColour?: Record<string, never> | null;
            legalDisclaimer?: Record<string, never> | null;
            name?: string;
            /** @example +1 415 555 0100 */
            phone?: Record<string, never> | null;
            /** @enum {string} */
            region?: "NA" | "LATAM" | "EMEA" | "APAC";
            /**
             * @description date the partner agreement was signed
             * @example 2026-09-01
             */
            signedAt?: Record<string, never> | null;
            /** @example northwind-it */
            slug?: string;
            /** @enum {string} */
            status?: "prospect" | "onboarding" | "active" | "inactive";
            tierId?: string;
            /** @example America/Chicago */
            timeZone?: string;
            /** @example https://northwind-it.example */
            website?: Record<string, never> | null;
        };
        UpdateRequestDto: {
            /** @enum {string} */
            activityType?: "event" | "webinar" | "paid_digital" | "email_launch" | "content_syndication" | "trade_show" | "other";
            description?: string;
            endsOn?: string;
            expectedPipelineCents?: number;
            launchIds?: string[];
            plannedCostCents?: number;
            requestedCents?: number;
            startsOn?: string;
        };
        UpdateSequenceDto: {
            exitOn?: ("replied" | "converted" | "deal_registered")[];
            name?: string;
            quietHours?: components["schemas"]["QuietHoursDto"] | null;
            /**
             * @description ordered steps (0-based): {type:"email", templateId} | {type:"wait", days?, hours?, minutes?} | {type:"wait", until:{time:"HH:MM", weekdays?:["mon",…]}} (local to the contact, else the partner) | {type:"branch", on:{step, event:"opened"|"clicked"|"not_engaged"}, then, else} (later steps only) | {type:"exit"}
             * @example [
             *       {
             *         "type": "email",
             *         "templateId": "<uuid>"
             *       },
             *       {
             *         "type": "wait",
             *         "until": {
             *           "time": "09:00",
             *           "weekdays": [
             *             "mon",
             *             "tue",
             *             "wed",
             *             "thu",
             *             "fri"
             *           ]
             *         }
             *       },
             *       {
             *         "type": "email",
             *         "templateId": "<uuid>"
             *       }
             *     ]
             */
            steps?: Record<string, never>[];
        };
        UpdateTemplateDto: {
            /** @description banners: { width, height, format, zones } */
            banner?: Record<string, never>;
            /** @description MJML with Handlebars (email, landing page) or text (social post) */
            body?: string;
            /** @description the field manifest: { fields: [...] } (see templates/README.md) */
            manifest?: Record<string, never>;
            name?: string;
            /** @description emails: the inbox preview line */
            preheader?: string;
            /** @description social posts: { networks, bannerTemplate? } */
            social?: Record<string, never>;
            /** @description emails: Handlebars text */
            subject?: string;
        };
        UpdateTierDto: {
            /**
             * @example {
             *       "mdfQuarterlyCents": 500000,
             *       "currency": "USD"
             *     }
             */
            attributes?: Record<string, never>;
            /** @example 50 */
            defaultMdfReimbursementPct?: number;
            /** @example Gold */
            name?: string;
            /** @description higher ranks are better tiers */
            rank?: number;
        };
        UserPageView: {
            items: components["schemas"]["UserView"][];
            nextCursor: string | null;
        };
        UserView: {
            createdAt: string;
            email: string;
            id: string;
            lastLoginAt: string | null;
            name: string;
            partnerId: string | null;
            /** @enum {string} */
            role: "vendor_admin" | "vendor_marketer" | "channel_manager" | "finance" | "partner_admin" | "partner_user";
            /** @enum {string} */
            status: "invited" | "active" | "disabled";
        };
        ValidationView: {
            /** @description what still blocks a launch (required, mustChange) */
            launchBlockers: components["schemas"]["FieldRuleProblem"][];
            /** @description constraint problems: each names the field and the rule */
            problems: components["schemas"]["FieldRuleProblem"][];
            valid: boolean;
        };
        VendorOpportunityPageView: {
            items: components["schemas"]["VendorOpportunityView"][];
            nextCursor: string | null;
        };
        VendorOpportunityView: {
            amountCents: number | null;
            createdAt: string;
            currency: string | null;
            customerCompany: string;
            customerDomain: string;
            externalId: string | null;
            id: string;
            ownerName: string | null;
            /** @enum {string} */
            status: "open" | "closed";
        };
        WebhookEndpointView: {
            createdAt: string;
            description: string | null;
            id: string;
            url: string;
        };
        WhoUses: {
            assetId: string;
            byKind: components["schemas"]["AssetUsageCountsDto"];
            /** @description live launches using it */
            liveLaunches: number;
            /** @description partners with a live launch using it, by name */
            partners: components["schemas"]["AssetUsagePartnerDto"][];
            /** @description active first, newest first */
            usages: components["schemas"]["AssetUser"][];
        };
        WonDealDto: {
            /** @description the amount actually booked, integer minor units in the deal currency */
            finalAmountCents: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AssetsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                ownerUserId?: string;
                /** @description searches title, description and tags (case-insensitive) */
                q?: string;
                /** @description the status at this moment */
                status?: "scheduled" | "live" | "expiring" | "expired" | "archived";
                tag?: string;
                type?: "datasheet" | "deck" | "video" | "image" | "legal" | "document";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every asset, newest first, filtered by q (title, description, tags), type, tag, status (now) and owner */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetPageDto"];
                };
            };
        };
    };
    AssetsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAssetDto"];
            };
        };
        responses: {
            /** @description the asset (no file yet: upload one to POST /api/v1/assets/{id}/versions); 422 naming the field for a bad owner, dates or successor */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetDetailDto"];
                };
            };
        };
    };
    AssetsController_detail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the asset with its versions (newest first), successor and thumbnail URL */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetDetailDto"];
                };
            };
        };
    };
    AssetsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAssetDto"];
            };
        };
        responses: {
            /** @description changes what is sent, leaves the rest. expiresAt null: never expires; successorId null: no successor; 400 naming a malformed or null field; 422 naming a bad owner, tier, partner, date or successor; 409 ASSET_ARCHIVED for an archived asset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetDetailDto"];
                };
            };
        };
    };
    AssetsController_archive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description withdraws the asset for good: what uses it moves to its successor or is held */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetDetailDto"];
                };
            };
        };
    };
    AssetsController_eligibilityImpact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EligibilityImpactQueryDto"];
            };
        };
        responses: {
            /** @description changes nothing: the partners who would lose the asset from their library under this eligibility, and those of them whose live launches use it (the launches keep it) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EligibilityImpactDto"];
                };
            };
        };
    };
    AssetsController_usage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description who uses this asset: live launches, partners, references by kind, and each reference */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WhoUses"];
                };
            };
        };
    };
    AssetsController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the asset’s files, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetVersionDto"][];
                };
            };
        };
    };
    AssetsController_upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description a new file, which becomes the current one. Its type is read from its content: image PNG/JPEG/WebP/GIF; video MP4/MOV/WebM; deck PDF/PPTX; datasheet PDF/DOCX/TXT; legal and document also XLSX. 415 naming `file` when the content is not allowed or the name’s extension disagrees with it; 413 above the size limit of the asset’s type */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetVersionDto"];
                };
            };
        };
    };
    AssetsController_bulkExtend: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkExtendDto"];
            };
        };
        responses: {
            /** @description each asset extended, or why not (not found, archived, already later, published later) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkExtendReportDto"];
                };
            };
        };
    };
    AssetReportsController_expiring: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description assets expiring within `days` (30 by default), soonest first, with owner, successor and live launches using them */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExpiringAssetDto"][];
                };
            };
        };
    };
    AssetsController_owners: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description who may own an asset: the active vendor users, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetOwnerDto"][];
                };
            };
        };
    };
    AssetReportsController_downloads: {
        parameters: {
            query?: {
                format?: "json" | "csv";
                /** @description inclusive; 30 days before `to` by default */
                from?: string;
                /** @description exclusive; now by default */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description downloads per asset and partner in [from, to) with the last download; `format=csv` for a spreadsheet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadsReportDto"];
                    "text/csv": components["schemas"]["DownloadsReportDto"];
                };
            };
        };
    };
    AssetReportsController_expiringReport: {
        parameters: {
            query?: {
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description assets expiring in the next 30 days with live usage; `format=csv` for a spreadsheet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExpiringAssetDto"][];
                    "text/csv": components["schemas"]["ExpiringAssetDto"][];
                };
            };
        };
    };
    AudiencesController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AudiencePageView"];
                };
            };
        };
    };
    AudiencesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAudienceDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AudienceView"];
                };
            };
        };
    };
    AudiencesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AudienceView"];
                };
            };
        };
    };
    AudiencesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AudiencesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAudienceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AudienceView"];
                };
            };
        };
    };
    AudiencesController_contacts: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description sendable contacts (consent granted, not suppressed), keyset-paginated by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactPageView"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                entityId?: string;
                entityType: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description events of one entity type (and entity), oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
        };
    };
    AuthController_acceptInvite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInviteDto"];
            };
        };
        responses: {
            /** @description sets the password and logs in; 410 when the link is used or expired */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description a session token; 401 on bad credentials, 429 when rate-limited */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description revokes the token used for this request */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
        };
    };
    AuthController_listTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description your personal API tokens (never their secrets) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenView"][];
                };
            };
        };
    };
    AuthController_createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiTokenDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiTokenView"];
                };
            };
        };
    };
    AuthController_revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BrandKitController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the current brand kit (every template sees it as brand.*) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrandKitView"];
                };
            };
        };
    };
    BrandKitController_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BrandKitDto"];
            };
        };
        responses: {
            /** @description saves a new version of the brand kit */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrandKitView"];
                };
            };
        };
    };
    BrandKitController_logo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrandKitView"];
                };
            };
        };
    };
    ContactsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                /** @description matches email, name or company (case-insensitive, contains) */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactPageView"];
                };
            };
        };
    };
    ContactsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactView"];
                };
            };
        };
    };
    ContactsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted; a suppression of the address, if any, is kept */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ContactsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateContactDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactView"];
                };
            };
        };
    };
    ContactsController_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description UTF-8 CSV with a header row, at most 5242880 bytes and 50000 rows; bad rows are reported, not fatal */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportCreatedView"];
                };
            };
        };
    };
    ContactsController_report: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                outcome?: "imported" | "updated" | "rejected";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the summary and one page of per-row outcomes, in file order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportView"];
                };
            };
        };
    };
    DashboardController_get: {
        parameters: {
            query?: {
                /** @description first day (UTC), included; by default the Monday 11 weeks before this week’s, so 12 ISO weeks are shown */
                from?: string;
                /** @description only this kit’s launches, clicks, leads and deals (adoption, weekly series, funnel); MDF, time to first deal and the active partner rate are program-wide */
                kitId?: string;
                /** @description last day (UTC), included; today by default */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description weekly clicks (raw and filtered), leads and active partner rate; adoption by tier; the launch-to-deal funnel; MDF utilisation and return; time to first deal */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardDto"];
                };
            };
        };
    };
    DealsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                /** @description vendor users: one partner; partner users always see their own */
                partnerId?: string;
                status?: "submitted" | "approved" | "rejected" | "won" | "lost" | "expired";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealPageView"];
                };
            };
        };
    };
    DealsController_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDealDto"];
            };
        };
        responses: {
            /** @description submitted; checked for conflicts with other partners and vendor opportunities */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealDetailView"];
                };
            };
        };
    };
    DealsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealDetailView"];
                };
            };
        };
    };
    DealsController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveDealDto"];
            };
        };
        responses: {
            /** @description protected from conflict for protectionDays (default 90), then expired unless extended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealView"];
                };
            };
        };
    };
    DealsController_extend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtendDealDto"];
            };
        };
        responses: {
            /** @description adds days (default 90) to the end of an approved deal's protection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealView"];
                };
            };
        };
    };
    DealsController_lost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealView"];
                };
            };
        };
    };
    DealsController_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectDealDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealView"];
                };
            };
        };
    };
    DealsController_won: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WonDealDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealView"];
                };
            };
        };
    };
    DealsController_conflicts: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description submitted registrations with a conflict, oldest first, beside what they collide with */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConflictQueuePageView"];
                };
            };
        };
    };
    DealsController_exportCsv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per registration (a partner its own, vendor users all), columns mapped to a CRM opportunity */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DealsController_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description UTF-8 CSV with a header row (the export's columns work), at most 2097152 bytes and 10000 rows; bad rows are reported, not fatal */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealImportReportView"];
                };
            };
        };
    };
    VendorOpportunitiesController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VendorOpportunityPageView"];
                };
            };
        };
    };
    VendorOpportunitiesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVendorOpportunityDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VendorOpportunityView"];
                };
            };
        };
    };
    VendorOpportunitiesController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a closed opportunity no longer conflicts with new registrations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VendorOpportunityView"];
                };
            };
        };
    };
    DealWebhooksController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointView"][];
                };
            };
        };
    };
    DealWebhooksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointDto"];
            };
        };
        responses: {
            /** @description the secret is in this answer only; verify X-ChannelKit-Signature (t=<unix>,v1=<hex HMAC-SHA256 of the body>) with it */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookEndpointView"];
                };
            };
        };
    };
    DealWebhooksController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no more deliveries, pending retries included */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EnrolmentsController_list: {
        parameters: {
            query?: {
                contactId?: string;
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                /** @description required for vendors: a partner-facing sequence */
                sequenceId?: string;
                status?: "active" | "completed" | "exited";
                /** @description a partner user (partner-facing sequences) */
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description partners: their own; vendors: those of the partner-facing sequence given as sequenceId */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrolmentPageView"];
                };
            };
        };
    };
    EnrolmentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description with its messages and each message’s status history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrolmentDetailView"];
                };
            };
        };
    };
    EnrolmentsController_replied: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the contact replied: the enrolment ends when the sequence exits on replies */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrolmentView"];
                };
            };
        };
    };
    EnrolmentsController_unenrol: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description takes the contact (vendors: the partner user) out; emails not yet sent are cancelled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrolmentView"];
                };
            };
        };
    };
    KitsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                /** @description name, slug or category contains (case-insensitive) */
                q?: string;
                /** @description partners see published kits only */
                status?: "draft" | "published" | "retired";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description by slug; partners: the catalog (published kits they are eligible for, available now) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitPageView"];
                };
            };
        };
    };
    KitsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateKitDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitView"];
                };
            };
        };
    };
    KitsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description with its library assets and the referenced assets that are withdrawn or replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitView"];
                };
            };
        };
    };
    KitsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateKitDto"];
            };
        };
        responses: {
            /** @description the draft; editing a published kit starts its next version (running launches keep theirs) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitVersionView"];
                };
            };
        };
    };
    KitsController_launch: {
        parameters: {
            query?: never;
            header?: {
                /** @description the same key returns the same launch, never a second one */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LaunchDto"];
            };
        };
        responses: {
            /** @description 201 launched; 200 when the Idempotency-Key was seen before (the same launch) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LaunchView"];
                };
            };
        };
    };
    KitsController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description publishes the draft and auto-launches it for opted-in eligible partners */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitView"];
                };
            };
        };
    };
    KitsController_kitResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description adoption by tier (launched of eligible partners) and totals: launches, sends, raw/filtered/unique clicks, opens, leads, click-to-lead rate */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitResults"];
                };
            };
        };
    };
    KitsController_retire: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no new launches; live launches end */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KitView"];
                };
            };
        };
    };
    LaunchesController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                kitId?: string;
                limit?: number;
                /** @description vendors only; partner users always see their own */
                partnerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LaunchPageView"];
                };
            };
        };
    };
    LaunchesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description with its trackable links and its banners */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LaunchDetailView"];
                };
            };
        };
    };
    LaunchesController_end: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description stops sending; links go to their fallback; the landing page says the campaign ended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LaunchView"];
                };
            };
        };
    };
    LaunchesController_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LaunchView"];
                };
            };
        };
    };
    LaunchesController_launchResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description clicks (raw, filtered, unique, bots, scanners), approximate opens, leads, click-to-lead rate, per link */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LaunchResults"];
                };
            };
        };
    };
    LaunchesController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LaunchView"];
                };
            };
        };
    };
    LeadsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                launchId?: string;
                limit?: number;
                /** @description only leads shared with the vendor (true) or not yet (false) */
                shared?: boolean;
                status?: "new" | "working" | "converted" | "disqualified";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description partners: their own leads; vendor users: every lead, the contact only once the partner shared it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPageView"];
                };
            };
        };
    };
    LeadsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadView"];
                };
            };
        };
    };
    LeadsController_setStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadStatusDto"];
            };
        };
        responses: {
            /** @description partners set their own leads; the vendor only leads shared with it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadStatusView"];
                };
            };
        };
    };
    LeadsController_share: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description shares the lead and its contact with the vendor (channel managers see the contact from now on) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadView"];
                };
            };
        };
    };
    LibraryController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                /** @description only assets expiring within this many days */
                expiringWithinDays?: number;
                limit?: number;
                locale?: string;
                /** @description searches title, description and tags (case-insensitive) */
                q?: string;
                tag?: string;
                type?: "datasheet" | "deck" | "video" | "image" | "legal" | "document";
                /** @description partners: only assets the partner's live launches use */
                usedByMyLaunches?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description assets the caller may use now, newest published first, filtered by q, type, tag and locale */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryPageDto"];
                };
            };
        };
    };
    LibraryController_detail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryItemDto"];
                };
            };
            /** @description unknown, not eligible and not yet published look the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description ASSET_EXPIRED: the asset expired or was archived; details.successorId names what replaces it, when the caller may use that */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    LibraryController_download: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a short-lived download URL made for this request; the download is counted for the caller’s partner */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadLinkDto"];
                };
            };
            /** @description unknown, not eligible and not yet published look the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description ASSET_EXPIRED: the asset expired or was archived; details.successorId names what replaces it, when the caller may use that */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    LibraryController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the thumbnail of an image, or the icon of the file type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown, not eligible and not yet published look the same */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description ASSET_EXPIRED: the asset expired or was archived; details.successorId names what replaces it, when the caller may use that */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    LinksController_linkStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MdfProgramsController_accounts: {
        parameters: {
            query?: {
                /** @description vendors only; partner users always see their own */
                partnerId?: string;
                programId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description fund accounts with what is available (partners: their own) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundBalanceListDto"];
                };
            };
        };
    };
    MdfProgramsController_account: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one fund account with its ledger */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundAccountLedger"];
                };
            };
        };
    };
    MdfClaimsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                /** @description vendors only */
                partnerId?: string;
                status?: "submitted" | "info_requested" | "approved" | "rejected" | "paid";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description claims, oldest submission first (partners: their own) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimListingPageDto"];
                };
            };
        };
    };
    MdfClaimsController_submit: {
        parameters: {
            query?: never;
            header: {
                /** @description the same key returns the same claim, never a second one */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitClaimDto"];
            };
        };
        responses: {
            /** @description 201 submitted (with its proof-of-performance pack); 200 when the Idempotency-Key was seen before (the same claim) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Claim"];
                };
            };
        };
    };
    MdfClaimsController_detail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the claim with its request, proof files (download URLs), linked deals, reimbursement cap and return */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDetail"];
                };
            };
        };
    };
    MdfClaimsController_resubmit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateClaimDto"];
            };
        };
        responses: {
            /** @description resubmits a claim finance asked more information about */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Claim"];
                };
            };
        };
    };
    MdfClaimsController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveClaimDto"];
            };
        };
        responses: {
            /** @description settles the amount and releases the rest of the reservation; 422 MDF_REIMBURSEMENT_OVER_CAP above the cap */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Claim"];
                };
            };
        };
    };
    MdfClaimsController_markPaid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkPaidDto"];
            };
        };
        responses: {
            /** @description records the payment of an approved claim */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Claim"];
                };
            };
        };
    };
    MdfClaimsController_proofPack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a short-lived download URL of the proof-of-performance pack (HTML) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProofPackLinkDto"];
                };
            };
        };
    };
    MdfClaimsController_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionNoteDto"];
            };
        };
        responses: {
            /** @description rejects the claim and releases its reservation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Claim"];
                };
            };
        };
    };
    MdfClaimsController_requestInfo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionNoteDto"];
            };
        };
        responses: {
            /** @description the claim waits for the partner to resubmit it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Claim"];
                };
            };
        };
    };
    MdfClaimsController_queue: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description claims waiting for finance, oldest first, with linked deals, cap and return */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewQueuePageDto"];
                };
            };
        };
    };
    MdfClaimsController_payables: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description approved and paid claims, one row each */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MdfProgramsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every program, newest period first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramListDto"];
                };
            };
        };
    };
    MdfProgramsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProgramDto"];
            };
        };
        responses: {
            /** @description the program with its allocation rules */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Program"];
                };
            };
        };
    };
    MdfProgramsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Program"];
                };
            };
        };
    };
    MdfProgramsController_adjust: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdjustmentDto"];
            };
        };
        responses: {
            /** @description the partner’s fund account after the adjustment */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundAccount"];
                };
            };
        };
    };
    MdfProgramsController_allocate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AllocateDto"];
            };
        };
        responses: {
            /** @description per partner what this run allocated; a partner allocated before gets nothing more */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AllocationListDto"];
                };
            };
        };
    };
    MdfProgramsController_programMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description per partner funds, utilisation and return; time-to-first-deal, active partner rate, partner-sourced pipeline */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramMetrics"];
                };
            };
        };
    };
    MdfProgramsController_partnerMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one partner’s funds, claims, paid, utilisation and return per MDF dollar (partners: their own) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerProgramMetrics"];
                };
            };
        };
    };
    MdfRequestsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                /** @description vendors only */
                partnerId?: string;
                programId?: string;
                status?: "submitted" | "info_requested" | "approved" | "rejected";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description requests, oldest submission first (partners: their own); ?status=submitted is the approval queue */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MdfRequestPageDto"];
                };
            };
        };
    };
    MdfRequestsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRequestDto"];
            };
        };
        responses: {
            /** @description the submitted request */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MdfRequest"];
                };
            };
        };
    };
    MdfRequestsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MdfRequest"];
                };
            };
        };
    };
    MdfRequestsController_resubmit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRequestDto"];
            };
        };
        responses: {
            /** @description resubmits a request the channel manager asked more information about */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MdfRequest"];
                };
            };
        };
    };
    MdfRequestsController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveRequestDto"];
            };
        };
        responses: {
            /** @description approved (all or part); the amount is reserved. 409 MDF_FUND_INSUFFICIENT when the balance is short; 403 MDF_MAKER_CHECKER for its submitter */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MdfRequest"];
                };
            };
        };
    };
    MdfRequestsController_files: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description files uploaded for the request that no claim was submitted with yet, with short-lived download URLs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimFileListDto"];
                };
            };
        };
    };
    MdfRequestsController_upload: {
        parameters: {
            query: {
                kind: "invoice" | "proof";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description an invoice or proof file (PDF, PNG, JPEG or WebP, read from its content) for the claim of an approved request */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MdfFile"];
                };
            };
        };
    };
    MdfRequestsController_deleteFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the file and its stored copy are deleted; 409 MDF_FILE_CLAIMED when a claim was submitted with it */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MdfRequestsController_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionNoteDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MdfRequest"];
                };
            };
        };
    };
    MdfRequestsController_requestInfo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionNoteDto"];
            };
        };
        responses: {
            /** @description the request waits for the partner to resubmit it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MdfRequest"];
                };
            };
        };
    };
    MessagesController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                enrolmentId?: string;
                launchId?: string;
                limit?: number;
                status?: "queued" | "dispatched" | "sending" | "sent" | "held" | "suppressed" | "cancelled" | "bounced" | "failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagePageView"];
                };
            };
        };
    };
    MessagesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageDetailView"];
                };
            };
        };
    };
    PartnersController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                /** @description name contains (case-insensitive) */
                q?: string;
                region?: "NA" | "LATAM" | "EMEA" | "APAC";
                status?: "prospect" | "onboarding" | "active" | "inactive";
                tierId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerPageView"];
                };
            };
        };
    };
    PartnersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePartnerDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerView"];
                };
            };
        };
    };
    PartnersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerView"];
                };
            };
        };
    };
    PartnersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePartnerDto"];
            };
        };
        responses: {
            /** @description partner admins may change profile fields of their own partner only */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerView"];
                };
            };
        };
    };
    LaunchesController_optIns: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the kit categories this partner launches automatically */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoLaunchDto"];
                };
            };
        };
    };
    LaunchesController_setOptIns: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutoLaunchDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoLaunchDto"];
                };
            };
        };
    };
    PartnersController_logo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogoView"];
                };
            };
        };
    };
    PartnersController_uploadLogo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description PNG, JPEG, WebP or plain SVG; normalised to a trimmed PNG */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerView"];
                };
            };
        };
    };
    PartnersController_users: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageView"];
                };
            };
        };
    };
    PartnersController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitePartnerUserDto"];
            };
        };
        responses: {
            /** @description the invited user; the invitation email is on its way */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
        };
    };
    PartnersController_disableUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description signed out at once and refused at login; 409 USER_CANNOT_DISABLE_SELF for your own account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
        };
    };
    PartnerAudiencesController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the partner’s audiences by name, with how many contacts each matches and would email; 404 for an unknown partner */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerAudiencePageView"];
                };
            };
        };
    };
    SendingDomainsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendingDomainView"][];
                };
            };
        };
    };
    SendingDomainsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSendingDomainDto"];
            };
        };
        responses: {
            /** @description create verificationRecord in DNS, then call verify; 409 SENDING_DOMAIN_TAKEN when any partner has the domain */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendingDomainView"];
                };
            };
        };
    };
    SendingDomainsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted; mail from the partner falls back to the vendor sending domain */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SendingDomainsController_setDkim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetDkimKeyDto"];
            };
        };
        responses: {
            /** @description the key is kept for signing and never returned; publish dkimRecord in DNS */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendingDomainView"];
                };
            };
            /** @description VALIDATION_FAILED naming privateKey: not a PEM RSA private key of 1024-4096 bits */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SendingDomainsController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the TXT record was found: mail from this partner now uses the domain */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendingDomainView"];
                };
            };
            /** @description DOMAIN_NOT_VERIFIED; details.record is the TXT record to create, details.found what DNS has now */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PartnerMetricsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
                /** @description name contains (case-insensitive) */
                q?: string;
                region?: "NA" | "LATAM" | "EMEA" | "APAC";
                /** @description name: A to Z; lastActivity: most recent first; timeToFirstDeal: fastest first. Partners without the figure come last, then by name */
                sort?: "name" | "lastActivity" | "timeToFirstDeal";
                status?: "prospect" | "onboarding" | "active" | "inactive";
                tierId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description searched by name, filtered by tier, region and status, sorted by name, last activity or time to first deal (partners without the figure last) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerMetricsPageDto"];
                };
            };
        };
    };
    PartnerMetricsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one partner’s figures, as the list shows them */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerMetricsDto"];
                };
            };
        };
    };
    SequencesController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                kitId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SequencePageView"];
                };
            };
        };
    };
    SequencesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSequenceDto"];
            };
        };
        responses: {
            /** @description a draft; publish it to start enrolling */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SequenceView"];
                };
            };
        };
    };
    SequencesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SequenceView"];
                };
            };
        };
    };
    SequencesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description only a sequence nobody was ever enrolled in */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SequencesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSequenceDto"];
            };
        };
        responses: {
            /** @description edits the draft; running enrolments keep their version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SequenceView"];
                };
            };
        };
    };
    EnrolmentsController_enrol: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnrolDto"];
            };
        };
        responses: {
            /** @description partners: contacts (or a saved audience’s sendable contacts) join a kit sequence; vendors: partner users (by user, partner or tier) join a partner-facing sequence. Each recipient at most once at a time; one outcome per recipient */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrolReportView"];
                };
            };
        };
    };
    EnrolmentsController_enrolCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description UTF-8 CSV with an "email" column (or one column of addresses) of your existing contacts, at most 10000 rows; one outcome per row */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrolReportView"];
                };
            };
        };
    };
    SequencesController_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no step runs and pending emails are held */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SequenceView"];
                };
            };
        };
    };
    SequencesController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a changed draft becomes a new version (email templates frozen at their published version) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SequenceView"];
                };
            };
        };
    };
    SequencesController_results: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description enrolled, active, completed, exited (by reason); sent, delivered, opened, clicked (filtered), unsubscribed, bounced, per sequence and per step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SequencesController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description held emails are released */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SequenceView"];
                };
            };
        };
    };
    TemplatesController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                kind?: "email" | "landing_page" | "banner" | "social_post";
                limit?: number;
                /** @description name or key contains (case-insensitive) */
                q?: string;
                /** @description published: has a published version; draft: never published */
                status?: "draft" | "published";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description by key, each with its status and versions (not the versions themselves); partners see templates with a published version only */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplatePageView"];
                };
            };
        };
    };
    TemplatesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTemplateDto"];
            };
        };
        responses: {
            /** @description the template with its first draft; publish it to use it */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateView"];
                };
            };
        };
    };
    TemplatesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description with its versions, newest first (partners: published versions, no source) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateView"];
                };
            };
        };
    };
    TemplatesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTemplateDto"];
            };
        };
        responses: {
            /** @description the draft; editing a published template starts a new draft version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateVersionView"];
                };
            };
        };
    };
    TemplatesController_background: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description banners: the base image of the draft */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateVersionView"];
                };
            };
        };
    };
    TemplatesController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CoBrandDto"];
            };
        };
        responses: {
            /** @description emails: subject, preheader, html, text; landing pages: html; social posts: text and lengths; banners: the image (x-launch-blockers counts its blockers). Nothing is saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailPreview"] | components["schemas"]["LandingPagePreview"] | components["schemas"]["SocialPostPreview"];
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
        };
    };
    TemplatesController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the draft, now the published version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateVersionView"];
                };
            };
            /** @description TEMPLATE_INVALID: details.problems lists every problem, with the body line or the path of each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateInvalidErrorBody"];
                };
            };
        };
    };
    TemplatesController_rendition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CoBrandDto"];
            };
        };
        responses: {
            /** @description banners: a stored co-branded image (rendered once, then reused) and a short-lived download URL */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TemplatesController_testSend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CoBrandDto"];
            };
        };
        responses: {
            /** @description the preview is on its way to your own email address */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TemplatesController_validate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CoBrandDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationView"];
                };
            };
        };
    };
    TiersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every tier, lowest rank first (a short, bounded list) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TierView"][];
                };
            };
        };
    };
    TiersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTierDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TierView"];
                };
            };
        };
    };
    TiersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTierDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TierView"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: {
                /** @description nextCursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageView"];
                };
            };
        };
    };
    UsersController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteVendorUserDto"];
            };
        };
        responses: {
            /** @description the invited user; the invitation email is on its way */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
        };
    };
    MailEventsController_receive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderEventsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderEventsResultView"];
                };
            };
            /** @description missing or wrong secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description MAIL_WEBHOOK_SECRET is not set */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description database, queue, storage and worker heartbeat checks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `degraded`: a check failed, a stale worker heartbeat included */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the process is up and its event loop answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description database, queue and storage reachable, worker heartbeat fresh */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `not-ready`; `failed` names the checks that failed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
