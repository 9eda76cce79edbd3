import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import {
  PG_CHECK_VIOLATION,
  PG_EXCLUSION_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  postgresErrorOf,
} from '@dutychain/persistence';
import type { FieldProblem } from './error-codes';
import { DomainError, ErrorCode } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  errors: FieldProblem[];
}

/** Database constraints that users can hit, with the rule named in words. Filled by each service. */
export type ConstraintMessages = Record<string, { field: string; rule: string; message: string }>;

/**
 * Turns every error into the one JSON error shape. Known client mistakes become 4xx with the field
 * and the rule; only genuinely unexpected errors become 500 (and are logged).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly constraintMessages: ConstraintMessages = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        errors: exception.problems,
      };
    }
    const pg = postgresErrorOf(exception);
    if (pg) {
      const known = pg.constraint ? this.constraintMessages[pg.constraint] : undefined;
      const conflictCodes = [
        PG_UNIQUE_VIOLATION,
        PG_EXCLUSION_VIOLATION,
        PG_FOREIGN_KEY_VIOLATION,
        PG_CHECK_VIOLATION,
      ];
      if (known || conflictCodes.includes(pg.code)) {
        const problem = known ?? {
          field: '',
          rule: pg.constraint ?? pg.code,
          message: pg.detail ?? 'conflicts with stored data',
        };
        return {
          statusCode: HttpStatus.CONFLICT,
          code: ErrorCode.Conflict,
          message: problem.message,
          errors: [problem],
        };
      }
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    const bodyParserError = exception as { type?: unknown; status?: unknown; message?: unknown };
    if (typeof bodyParserError.type === 'string' && typeof bodyParserError.status === 'number') {
      // Raised by the JSON body parser before any controller runs.
      const tooLarge = bodyParserError.type === 'entity.too.large';
      return {
        statusCode: tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST,
        code: tooLarge ? ErrorCode.PayloadTooLarge : ErrorCode.MalformedBody,
        message: tooLarge ? 'request body is larger than the limit' : 'request body is not valid JSON',
        errors: [],
      };
    }
    return { statusCode: 500, code: ErrorCode.Internal, message: 'internal error', errors: [] };
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const status = exception.getStatus();
    const raw = exception.getResponse();
    const message =
      typeof raw === 'string' ? raw : ((raw as { message?: unknown }).message ?? exception.message);
    const text = Array.isArray(message)
      ? message.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('; ')
      : typeof message === 'string'
        ? message
        : exception.message;
    const code =
      status === 413
        ? ErrorCode.PayloadTooLarge
        : status === 404
          ? ErrorCode.NotFound
          : status === 401
            ? ErrorCode.Unauthenticated
            : status === 403
              ? ErrorCode.ForbiddenRole
              : status === 400 && /JSON/i.test(text)
                ? ErrorCode.MalformedBody
                : status < 500
                  ? ErrorCode.ValidationFailed
                  : ErrorCode.Internal;
    return { statusCode: status, code, message: text, errors: [] };
  }
}
