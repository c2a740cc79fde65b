import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Action, Principal, UnauthenticatedError } from '@app/core';

export const PUBLIC_KEY = 'channelkit:public';
export const ACTION_KEY = 'channelkit:action';

/** No authentication (health, login, public pages). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The action a route performs; the roles that may perform it come from the one permissions table
 * (`PERMISSIONS` in core). Every non-public route must name one; a route that does not is refused
 * to everyone (fail closed).
 */
export const Can = (action: Action) => SetMetadata(ACTION_KEY, action);

export type AuthedRequest = FastifyRequest & { principal?: Principal };

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new UnauthenticatedError();
  return principal;
});

export const RequestId = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  String(context.switchToHttp().getRequest<FastifyRequest>().id),
);
