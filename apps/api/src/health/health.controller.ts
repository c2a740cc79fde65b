import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthReport, HealthService, ReadinessReport } from '@app/core';
import { Public } from '../auth/auth.decorators';

/**
 * Health in the Kubernetes convention: `live` says the process answers (restart it when it does
 * not), `ready` says it can serve (take it out of the load balancer when it cannot), and the
 * summary at `/health` is for people and monitors.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'database, queue, storage and worker heartbeat checks' })
  @ApiServiceUnavailableResponse({ description: '`degraded`: a check failed, a stale worker heartbeat included' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.report();
    if (report.status !== 'ok') void reply.status(503);
    return report;
  }

  /** Touches no dependency: a database outage must not make the orchestrator restart every api process. */
  @Public()
  @Get('live')
  @ApiOkResponse({ description: 'the process is up and its event loop answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOkResponse({ description: 'database, queue and storage reachable, worker heartbeat fresh' })
  @ApiServiceUnavailableResponse({ description: '`not-ready`; `failed` names the checks that failed' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.health.readiness();
    if (report.status !== 'ready') void reply.status(503);
    return report;
  }
}
