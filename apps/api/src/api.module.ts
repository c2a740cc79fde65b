import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig, CoreModule } from '@app/core';
import { AssetsModule } from '@app/assets';
import { BrandModule } from '@app/brand';
import { CampaignsModule } from '@app/campaigns';
import { ContactsModule } from '@app/contacts';
import { DealsModule } from '@app/deals';
import { MdfModule } from '@app/mdf';
import { ReportingModule } from '@app/reporting';
import { DemoModule } from '@app/demo';
import { LinksModule } from '@app/links';
import { MailingModule } from '@app/mailing';
import { NurtureModule } from '@app/nurture';
import { PartnersModule } from '@app/partners';
import { AuditController } from './audit/audit.controller';
import { AssetReportsController } from './assets/asset-reports.controller';
import { AssetsController } from './assets/assets.controller';
import { LibraryController } from './assets/library.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { BrandKitController } from './brand/brand-kit.controller';
import { TemplatesController } from './brand/templates.controller';
import { KitsController } from './campaigns/kits.controller';
import { LaunchesController } from './campaigns/launches.controller';
import { LeadsController } from './campaigns/leads.controller';
import { AudiencesController } from './contacts/audiences.controller';
import { PartnerAudiencesController } from './contacts/partner-audiences.controller';
import { ContactsController } from './contacts/contacts.controller';
import { MdfClaimsController } from './mdf/mdf-claims.controller';
import { DashboardController } from './reporting/dashboard.controller';
import { PartnerMetricsController } from './reporting/partner-metrics.controller';
import { MdfProgramsController } from './mdf/mdf-programs.controller';
import { MdfRequestsController } from './mdf/mdf-requests.controller';
import { DealWebhooksController } from './deals/deal-webhooks.controller';
import { DealsController } from './deals/deals.controller';
import { VendorOpportunitiesController } from './deals/vendor-opportunities.controller';
import { HealthController } from './health/health.controller';
import { LinksController } from './links/links.controller';
import { EnrolmentsController } from './nurture/enrolments.controller';
import { SequencesController } from './nurture/sequences.controller';
import { MailEventsController } from './mailing/mail-events.controller';
import { SendingDomainsController } from './mailing/sending-domains.controller';
import { InvitePageController } from './pages/invite-page.controller';
import { LandingPageController } from './pages/landing-page.controller';
import { LinkRedirectRoute } from './pages/link-redirect.route';
import { PortalRoute } from './pages/portal.route';
import { MediaController } from './pages/media.controller';
import { OpenPixelRoute } from './pages/open-pixel.route';
import { LandingPageRoute } from './pages/landing-page.route';
import { ViewInBrowserController } from './pages/view-in-browser.controller';
import { MessagesController } from './mailing/messages.controller';
import { UnsubscribePageController } from './pages/unsubscribe-page.controller';
import { PartnersController } from './partners/partners.controller';
import { TiersController } from './partners/tiers.controller';
import { UsersController } from './users/users.controller';

/** The HTTP application: controllers, the auth guard and the public pages (`AppModule` in libs/runtime adds the worker for role `all`). */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config), PartnersModule, AssetsModule, BrandModule, CampaignsModule, ContactsModule, LinksModule, MailingModule, NurtureModule, DealsModule, MdfModule, ReportingModule, DemoModule],
      controllers: [
        AuditController,
        MdfProgramsController,
        MdfRequestsController,
        MdfClaimsController,
        DashboardController,
        PartnerMetricsController,
        HealthController,
        AuthController,
        UsersController,
        TiersController,
        PartnersController,
        BrandKitController,
        TemplatesController,
        KitsController,
        LaunchesController,
        LeadsController,
        SequencesController,
        EnrolmentsController,
        ContactsController,
        AudiencesController,
        PartnerAudiencesController,
        InvitePageController,
        LandingPageController,
        MediaController,
        LinksController,
        ViewInBrowserController,
        MessagesController,
        UnsubscribePageController,
        MailEventsController,
        SendingDomainsController,
        DealsController,
        DealWebhooksController,
        VendorOpportunitiesController,
        AssetsController,
        AssetReportsController,
        LibraryController,
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, LinkRedirectRoute, OpenPixelRoute, LandingPageRoute, PortalRoute],
    };
  }
}
