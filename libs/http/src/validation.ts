import type { ArgumentMetadata } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FieldProblem } from './error-codes';
import { DomainError, ErrorCode } from './error-codes';

/** Flattens nested class-validator errors into `field` paths such as `items[2].content`. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent
      ? isIndex
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      problems.push({ field, rule, message: message.replace(error.property, field) });
    }
    if (error.children?.length) problems.push(...fieldProblems(error.children, field));
  }
  return problems;
}

/**
 * Keys that name an object's machinery rather than data. JSON.parse keeps them as plain keys, but
 * class-transformer drops them silently (and `__proto__` would replace a plain object's prototype),
 * so whitelisting never sees them: they are refused by name before anything reads the body.
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The first reserved key anywhere in a parsed JSON value, as a field path (`filter.__proto__`). */
export function reservedKeyPath(value: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string };
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }));
      continue;
    }
    for (const key of Object.keys(current)) {
      const field = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.includes(key)) return field;
      stack.push({ value: (current as Record<string, unknown>)[key], path: field });
    }
  }
  return undefined;
}

/** Whitelisting pipe: unknown fields are refused by name, every broken rule is reported. */
class WhitelistingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const field = reservedKeyPath(value);
      if (field !== undefined)
        throw new DomainError(
          ErrorCode.ValidationFailed,
          `${field}: property ${field} should not exist (whitelistValidation)`,
          [{ field, rule: 'whitelistValidation', message: `property ${field} should not exist` }],
        );
    }
    // Nest would read any text but `true` as false for a lone boolean query or path parameter: it is
    // left as it came, for QueryBooleanPipe to read exactly `true` or `false`.
    if (
      metadata.data &&
      (metadata.type === 'query' || metadata.type === 'param') &&
      metadata.metatype === Boolean
    )
      return value;
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** Whitelisting pipe: unknown fields (reserved keys included) are refused by name, every broken rule is reported. */
export function createValidationPipe(): ValidationPipe {
  return new WhitelistingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const problems = fieldProblems(errors);
      const message = problems
        .map((problem) => `${problem.field}: ${problem.message} (${problem.rule})`)
        .join('; ');
      return new DomainError(ErrorCode.ValidationFailed, message, problems);
    },
  });
}
