import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { isDatabaseUnavailable, PG_CONSTRAINT_VIOLATIONS, postgresErrorOf } from '@dutychain/persistence';
import type { FieldProblem } from './error-codes';
import { DomainError, ErrorCode, httpStatusOf } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  errors: FieldProblem[];
}

/** Seconds a client is asked to wait (`Retry-After`) when a dependency is unavailable (every 503). */
export const RETRY_AFTER_SECONDS = 5;

/** gRPC status codes with which the Temporal client reports a server it cannot reach in time. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * True when an error from @temporalio/client means the Temporal server could not be reached
 * (gRPC UNAVAILABLE or DEADLINE_EXCEEDED, possibly wrapped in the SDK's ServiceError), judged by
 * shape so this library needs no Temporal SDK.
 */
export function isTemporalUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const candidate = error as { code?: unknown; details?: unknown; metadata?: unknown; cause?: unknown };
  if (
    (candidate.code === GRPC_UNAVAILABLE || candidate.code === GRPC_DEADLINE_EXCEEDED) &&
    (typeof candidate.details === 'string' || typeof candidate.metadata === 'object')
  )
    return true;
  return candidate.cause !== error && isTemporalUnavailable(candidate.cause, depth + 1);
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
    if (body.statusCode === 503) {
      // An outage is expected to pass: say when to try again, and log it without a stack.
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.logger.warn(
        `503 ${body.message}: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
    } else if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: httpStatusOf(exception.code),
        code: exception.code,
        message: exception.message,
        errors: exception.problems,
      };
    }
    if (isDatabaseUnavailable(exception))
      return problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.Unavailable, {
        field: 'database',
        rule: 'available',
        message: 'the database is not reachable just now; try again shortly',
      });
    if (isTemporalUnavailable(exception))
      return problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.Unavailable, {
        field: 'temporal',
        rule: 'available',
        message: 'the workflow engine (Temporal) is not reachable just now; try again shortly',
      });
    const pg = postgresErrorOf(exception);
    if (pg) {
      const known = pg.constraint ? this.constraintMessages[pg.constraint] : undefined;
      if (known || PG_CONSTRAINT_VIOLATIONS.includes(pg.code)) {
        return problem(
          HttpStatus.CONFLICT,
          ErrorCode.Conflict,
          known ?? {
            field: '',
            rule: pg.constraint ?? pg.code,
            message: pg.detail ?? 'conflicts with stored data',
          },
        );
      }
      if (pg.code.startsWith(PG_DATA_EXCEPTION_CLASS)) {
        // A value the validators let through but PostgreSQL cannot take (a NUL byte, an out-of-range
        // number): the caller's input, not our fault, even though we cannot name the field here.
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, {
          field: '',
          rule: `postgres.${pg.code}`,
          message: 'a value in the request cannot be stored (for example a NUL character)',
        });
      }
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    const bodyParserError = exception as { type?: unknown; status?: unknown; code?: unknown };
    if (typeof bodyParserError.type === 'string' && typeof bodyParserError.status === 'number') {
      return fromBodyParserError(bodyParserError.type, bodyParserError.status);
    }
    if (typeof bodyParserError.code === 'string' && bodyParserError.code.startsWith('Z_')) {
      // zlib could not inflate a body sent with Content-Encoding gzip/deflate.
      return problem(HttpStatus.BAD_REQUEST, ErrorCode.MalformedBody, {
        field: 'body',
        rule: 'contentEncoding',
        message: 'the request body could not be decompressed with its Content-Encoding',
      });
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
                  : status === 503
                    ? ErrorCode.Unavailable
                    : ErrorCode.Internal;
    return {
      statusCode: status,
      code,
      message: text,
      errors: status < 500 ? [httpProblem(status, text)] : [],
    };
  }
}

/** PostgreSQL error class 22: data exceptions (invalid byte sequence, value out of range, …). */
const PG_DATA_EXCEPTION_CLASS = '22';

function problem(statusCode: number, code: ErrorCode, fieldProblem: FieldProblem): ErrorBody {
  return { statusCode, code, message: fieldProblem.message, errors: [fieldProblem] };
}

/** Errors raised by the body parser before any controller runs, by their `type`. */
function fromBodyParserError(type: string, status: number): ErrorBody {
  switch (type) {
    case 'entity.too.large':
      return problem(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.PayloadTooLarge, {
        field: 'body',
        rule: 'maxBytes',
        message: 'request body is larger than the limit',
      });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.MalformedBody, {
        field: 'body',
        rule: type === 'charset.unsupported' ? 'charset' : 'contentEncoding',
        message:
          type === 'charset.unsupported'
            ? 'request body must be UTF-8 JSON'
            : 'request body uses a Content-Encoding the server does not accept (use gzip, deflate or none)',
      });
    default:
      return problem(
        status >= 400 && status < 500 ? status : HttpStatus.BAD_REQUEST,
        ErrorCode.MalformedBody,
        {
          field: 'body',
          rule: 'json',
          message: 'request body must be a JSON object or array, written as valid JSON',
        },
      );
  }
}

/** Names the part of the request an HttpException from the framework (params, multer) is about. */
function httpProblem(status: number, message: string): FieldProblem {
  if (/Failed to decode param/i.test(message))
    return {
      field: 'path',
      rule: 'uriEncoding',
      message: 'a path parameter is not valid percent-encoded UTF-8',
    };
  if (/Unexpected field/i.test(message))
    return {
      field: 'file',
      rule: 'fieldName',
      message: 'upload the file in the multipart field named "file"',
    };
  if (/multipart|boundary/i.test(message)) return { field: 'body', rule: 'multipart', message };
  if (status === 413) return { field: 'body', rule: 'maxBytes', message };
  if (/JSON/i.test(message)) return { field: 'body', rule: 'json', message };
  const rules: Record<number, string> = { 401: 'credentials', 403: 'role', 404: 'route' };
  return { field: '', rule: rules[status] ?? 'request', message };
}
