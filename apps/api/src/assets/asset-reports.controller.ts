import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AssetReportsService, DownloadsReportDto, DownloadsReportQuery, ExpiringAssetDto, ExpiringQuery, ExpiringReportQuery } from '@app/assets';
import { Can } from '../auth/auth.decorators';

/** What expires soon and who still uses it; who downloads what. */
@ApiTags('assets')
@ApiBearerAuth()
@Controller('api/v1/assets')
export class AssetReportsController {
  constructor(private readonly reports: AssetReportsService) {}

  @Can('read-assets')
  @Get('expiring')
  @ApiOkResponse({ type: [ExpiringAssetDto], description: 'assets expiring within `days` (30 by default), soonest first, with owner, successor and live launches using them' })
  expiring(@Query() query: ExpiringQuery): Promise<ExpiringAssetDto[]> {
    return this.reports.expiring(query.days ?? 30);
  }

  @Can('read-assets')
  @Get('reports/expiring')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [ExpiringAssetDto], description: 'assets expiring in the next 30 days with live usage; `format=csv` for a spreadsheet' })
  async expiringReport(@Query() query: ExpiringReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<ExpiringAssetDto[] | string> {
    if (query.format !== 'csv') return this.reports.expiring(30);
    csvHeaders(reply, 'assets-expiring.csv');
    return this.reports.expiringCsv(30);
  }

  @Can('read-assets')
  @Get('reports/downloads')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DownloadsReportDto, description: 'downloads per asset and partner in [from, to) with the last download; `format=csv` for a spreadsheet' })
  async downloads(@Query() query: DownloadsReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<DownloadsReportDto | string> {
    if (query.format !== 'csv') return this.reports.downloadsReport(query);
    const csv = await this.reports.downloadsCsv(query);
    csvHeaders(reply, 'asset-downloads.csv');
    return csv;
  }
}

function csvHeaders(reply: FastifyReply, fileName: string): void {
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`);
}
