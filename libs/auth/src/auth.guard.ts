import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@dutychain/http';
import { ApiKeyVerifier, AuthSettings } from './api-key';
import { hasAnyRole } from './caller';
import { PersonTokenScope } from './person-token-scope';
import type { RequestWithCaller } from './decorators';
import { Public, RequireRoles } from './decorators';
import { verifyPersonToken } from './token';

interface IncomingRequest extends RequestWithCaller {
  headers: Record<string, string | string[] | undefined>;
}

/** Authenticates every request (bearer token or API key) and checks the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly settings: AuthSettings,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly tokenScope: PersonTokenScope,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride(Public, targets)) return true;
    const request = context.switchToHttp().getRequest<IncomingRequest>();
    request.caller = await this.authenticate(request);
    const roles = this.reflector.getAllAndOverride(RequireRoles, targets);
    if (roles && !hasAnyRole(request.caller, roles)) {
      throw new DomainError(
        ErrorCode.ForbiddenRole,
        `this action needs one of the roles: ${roles.join(', ')}`,
      );
    }
    return true;
  }

  private async authenticate(request: IncomingRequest): Promise<NonNullable<RequestWithCaller['caller']>> {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      const caller = await this.apiKeys.verify(apiKey);
      if (!caller) throw unauthenticated('API key is unknown or revoked');
      return caller;
    }
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
      const token = authorization.slice('Bearer '.length).trim();
      const check = verifyPersonToken(token, this.settings.authSecret);
      if (!check.ok) throw unauthenticated(check.reason);
      const current = await this.tokenScope.current(check.caller, token);
      if (!current)
        throw unauthenticated(
          'the token no longer matches the directory (its unit or person changed): ask for a new token',
        );
      return current;
    }
    throw unauthenticated('send a bearer token (Authorization: Bearer …) or an API key (x-api-key)');
  }
}

function unauthenticated(message: string): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, message);
}
