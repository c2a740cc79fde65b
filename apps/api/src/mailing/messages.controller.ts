import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, Principal, UuidPipe } from '@app/core';
import { MESSAGE_STATUSES, MessageEvent, MessageQueryService, MessageSummary } from '@app/mailing';
import { Can, CurrentUser } from '../auth/auth.decorators';

export class MessagesQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() launchId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() enrolmentId?: string;
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES }) @IsOptional() @IsIn(MESSAGE_STATUSES) status?: string;
}

export class MessageView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['blast', 'nurture', 'program'] }) kind!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty({ nullable: true, type: String }) launchId!: string | null;
  @ApiProperty({ nullable: true, type: String }) enrolmentId!: string | null;
  @ApiProperty({ nullable: true, type: Number }) stepIndex!: number | null;
  @ApiProperty({ description: "the recipient; a contact's address is masked for vendor users" }) to!: string;
  @ApiProperty({ nullable: true, type: String }) subject!: string | null;
  @ApiProperty({ enum: MESSAGE_STATUSES }) status!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveredAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'first open (pixel; approximate)' }) openedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) clickedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) bouncedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) unsubscribedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) repliedAt!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'why it is held or was cancelled' }) holdReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty() createdAt!: string;

  static of(m: MessageSummary): MessageView {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      ...m,
      dueAt: m.dueAt.toISOString(),
      sentAt: iso(m.sentAt),
      deliveredAt: iso(m.deliveredAt),
      openedAt: iso(m.openedAt),
      clickedAt: iso(m.clickedAt),
      bouncedAt: iso(m.bouncedAt),
      unsubscribedAt: iso(m.unsubscribedAt),
      repliedAt: iso(m.repliedAt),
      createdAt: m.createdAt.toISOString(),
    };
  }
}

export class MessageEventView {
  @ApiProperty({ description: 'queued, deferred, held, released, sent, retry, bounced, delivered, opened, clicked, unsubscribed, replied, …' }) type!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: Object, nullable: true }) detail!: Record<string, unknown> | null;
}

export class MessageDetailView extends MessageView {
  @ApiProperty({ type: [MessageEventView], description: 'status history, oldest first' }) history!: MessageEventView[];
}

export class MessagePageView {
  @ApiProperty({ type: [MessageView] }) items!: MessageView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** Sent and pending email, newest first: partners see their own, the vendor sees all (contact addresses masked). */
@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/v1/messages')
export class MessagesController {
  constructor(private readonly messages: MessageQueryService) {}

  @Can('read-messages')
  @Get()
  @ApiOkResponse({ type: MessagePageView })
  async list(@CurrentUser() principal: Principal, @Query() query: MessagesQuery): Promise<MessagePageView> {
    const page = await this.messages.list(principal, query);
    return { items: page.items.map((m) => MessageView.of(m)), nextCursor: page.nextCursor };
  }

  @Can('read-messages')
  @Get(':id')
  @ApiOkResponse({ type: MessageDetailView })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<MessageDetailView> {
    const message = await this.messages.get(principal, id);
    return { ...MessageView.of(message), history: message.history.map((e: MessageEvent) => ({ type: e.type, at: e.at.toISOString(), detail: e.detail })) };
  }
}
