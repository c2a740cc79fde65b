import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Action, AuthService, can, ForbiddenError, PERMISSIONS, UnauthenticatedError } from '@app/core';
import { ACTION_KEY, AuthedRequest, PUBLIC_KEY } from './auth.decorators';

/** Global guard: bearer token → principal, then the route's @Can action against the permissions table. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S{20,200})$/i.exec(header) : null;
    if (!match?.[1]) throw new UnauthenticatedError('Send Authorization: Bearer <token>');
    request.principal = await this.auth.authenticate(match[1]);

    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION_KEY, targets);
    if (!action || !Object.hasOwn(PERMISSIONS, action) || !can(request.principal.role, action)) throw new ForbiddenError(`Your role (${request.principal.role}) cannot do this`);
    return true;
  }
}
