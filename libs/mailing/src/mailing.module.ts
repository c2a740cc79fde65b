import { Module } from '@nestjs/common';
import { AssetsModule } from '@app/assets';
import { BrandModule } from '@app/brand';
import { ContactsModule } from '@app/contacts';
import { LinksModule } from '@app/links';
import { PartnersModule } from '@app/partners';
import { AssetSendGuard } from './asset-guard.service';
import { MessageOutbox } from './message-outbox.service';
import { MessageQueryService } from './message-query.service';
import { MessageStatsRepository } from './message-stats.repository';
import { MessageStatsService } from './message-stats.service';
import { MessageRepository } from './message.repository';
import { MessageRenderer } from './message-renderer.service';
import { MessageSender } from './message-sender.service';
import { RateLimiter } from './rate-limiter';
import { SendGuards } from './send-guards';
import { SenderIdentityService } from './sender-identity.service';
import { SuppressionService } from './suppression.service';
import { UnsubscribeTokens } from './unsubscribe-token.service';
import { UnsubscribeService } from './unsubscribe.service';
import { ProviderEventsService } from './provider-events.service';
import { SendingDomainService } from './sending-domain.service';

/** Feedback on sent mail (unsubscribes, provider events) and partners' own sending domains. */
const FEEDBACK = [UnsubscribeService, ProviderEventsService, SendingDomainService];

/**
 * The sending path every email to a contact or partner user goes through: contents and message
 * rows, the dispatcher and batch sender, sender identity, suppression, rate limits, unsubscribe
 * and provider feedback.
 */
@Module({
  imports: [PartnersModule, AssetsModule, BrandModule, LinksModule, ContactsModule],
  providers: [SendGuards, SuppressionService, UnsubscribeTokens, SenderIdentityService, MessageOutbox, RateLimiter, MessageRenderer, MessageSender, ...FEEDBACK, MessageQueryService, MessageRepository, AssetSendGuard, MessageStatsRepository, MessageStatsService],
  exports: [SendGuards, SuppressionService, UnsubscribeTokens, SenderIdentityService, MessageOutbox, MessageRenderer, MessageSender, ...FEEDBACK, MessageQueryService, MessageStatsService],
})
export class MailingModule {}
