import { HttpStatus, ValidationPipe } from '@nestjs/common';
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

/** Whitelisting pipe: unknown fields are refused by name, every broken rule is reported. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const problems = fieldProblems(errors);
      const message = problems
        .map((problem) => `${problem.field}: ${problem.message} (${problem.rule})`)
        .join('; ');
      return new DomainError(ErrorCode.ValidationFailed, HttpStatus.BAD_REQUEST, message, problems);
    },
  });
}
