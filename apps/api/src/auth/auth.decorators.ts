import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal, Role, UnauthenticatedError } from '@app/core';

export const PUBLIC_KEY = 'channelkit:public';
export const ROLES_KEY = 'channelkit:roles';

/** No authentication (health, login, public pages). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The roles that may call a route. Every non-public route must say; a route that does not is
 * refused to everyone (fail closed).
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthedRequest = FastifyRequest & { principal?: Principal };

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new UnauthenticatedError();
  return principal;
});

export const RequestId = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  String(context.switchToHttp().getRequest<FastifyRequest>().id),
);
