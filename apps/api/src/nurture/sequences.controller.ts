import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { isVendor, Principal, UuidPipe } from '@app/core';
import { CreateSequenceDto, ListSequencesQuery, SequencePageView, SequenceResults, SequenceService, SequenceView, UpdateSequenceDto } from '@app/nurture';
import { Can, CurrentUser } from '../auth/auth.decorators';


/**
 * Nurture sequences: vendor marketers author, publish, pause and resume them; partner users see the
 * published sequences of kits they launched (others answer 404) and their own results.
 */
@ApiTags('nurture')
@ApiBearerAuth()
@Controller('api/v1/sequences')
export class SequencesController {
  constructor(private readonly sequences: SequenceService) {}

  @Can('author-sequences')
  @Post()
  @ApiCreatedResponse({ type: SequenceView, description: 'a draft; publish it to start enrolling' })
  async create(@CurrentUser() principal: Principal, @Body() body: CreateSequenceDto): Promise<SequenceView> {
    return SequenceView.of(await this.sequences.create(principal, body), true);
  }

  @Can('read-sequences')
  @Get()
  @ApiOkResponse({ type: SequencePageView })
  async list(@CurrentUser() principal: Principal, @Query() query: ListSequencesQuery): Promise<SequencePageView> {
    const page = await this.sequences.list(principal, query);
    return { items: page.items.map((s) => SequenceView.of(s, isVendor(principal))), nextCursor: page.nextCursor };
  }

  @Can('read-sequences')
  @Get(':id')
  @ApiOkResponse({ type: SequenceView })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<SequenceView> {
    return SequenceView.of(await this.sequences.get(principal, id), isVendor(principal));
  }

  @Can('author-sequences')
  @Patch(':id')
  @ApiOkResponse({ type: SequenceView, description: 'edits the draft; running enrolments keep their version' })
  async update(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateSequenceDto): Promise<SequenceView> {
    return SequenceView.of(await this.sequences.update(principal, id, body), true);
  }

  @Can('author-sequences')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'only a sequence nobody was ever enrolled in' })
  async remove(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.sequences.remove(principal, id);
  }

  @Can('author-sequences')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: SequenceView, description: 'a changed draft becomes a new version (email templates frozen at their published version)' })
  async publish(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<SequenceView> {
    await this.sequences.get(principal, id);
    return SequenceView.of(await this.sequences.publish(principal, id), true);
  }

  @Can('author-sequences')
  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: SequenceView, description: 'no step runs and pending emails are held' })
  async pause(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<SequenceView> {
    return SequenceView.of(await this.sequences.setPaused(principal, id, true), true);
  }

  @Can('author-sequences')
  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: SequenceView, description: 'held emails are released' })
  async resume(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<SequenceView> {
    return SequenceView.of(await this.sequences.setPaused(principal, id, false), true);
  }

  @Can('read-sequences')
  @Get(':id/results')
  @ApiOkResponse({ description: 'enrolled, active, completed, exited (by reason); sent, delivered, opened, clicked (filtered), unsubscribed, bounced, per sequence and per step' })
  async results(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<SequenceResults> {
    return this.sequences.results(principal, id);
  }
}
