import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, RateLimitedError } from './domain-error';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

const CODES_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

/** Maps every error to `{ statusCode, code, message, details?, requestId }`; 5xx hide internals. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const body = this.toBody(exception, String(request.id));

    if (body.statusCode >= 500) {
      this.logger.error({ requestId: body.requestId, err: describe(exception) }, 'request failed');
    }
    if (exception instanceof RateLimitedError) {
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: exception.statusCode, code: exception.code, message: exception.message, details: exception.details, requestId };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      if (statusCode >= 500) return internal(requestId);
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : typeof (response as { message?: unknown }).message === 'string'
            ? (response as { message: string }).message
            : exception.message;
      return { statusCode, code: CODES_BY_STATUS[statusCode] ?? 'HTTP_ERROR', message, requestId };
    }
    const fastifyStatus = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Errors raised by Fastify itself (body too large, bad JSON, bad content type) are the caller's.
      return {
        statusCode: fastifyStatus,
        code: CODES_BY_STATUS[fastifyStatus] ?? 'BAD_REQUEST',
        message: (exception as Error).message,
        requestId,
      };
    }
    return internal(requestId);
  }
}

function internal(requestId: string): ErrorBody {
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: 'Something went wrong on our side', requestId };
}

function describe(exception: unknown): unknown {
  return exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : exception;
}
