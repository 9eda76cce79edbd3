import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@dutychain/domain';
import type { Caller } from './caller';
import { DomainError } from '@dutychain/http';

/** Routes anyone may call (health, docs). */
export const Public = Reflector.createDecorator<boolean>({ transform: () => true });

/** Roles allowed on a route or controller; admin is always allowed. Without it, any signed-in role. */
export const RequireRoles = Reflector.createDecorator<Role[]>();

export interface RequestWithCaller {
  caller?: Caller;
}

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<RequestWithCaller>();
  if (!request.caller) throw DomainError.internal('CurrentCaller used on a public route');
  return request.caller;
});
