import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { DomainError } from './error-codes';

/** The deepest nesting of arrays and objects a request body may have (the deepest body here has 4). */
export const MAX_BODY_DEPTH = 32;

/**
 * How deep arrays and objects nest in a parsed JSON value (a scalar is 0, `[]` is 1), walked without
 * recursion, so any depth JSON.parse accepts is measured; it stops looking once past `limit`.
 */
export function nestingDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const item of Object.values(current)) stack.push([item, here]);
  }
  return deepest;
}

/**
 * Refuses a body nested deeper than MAX_BODY_DEPTH before validation reads it: the validation pipe
 * and class-transformer walk bodies recursively, and ten thousand nested arrays overflowed the stack
 * (a 500) instead of being refused.
 */
@Injectable()
export class BodyDepthPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && nestingDepth(value, MAX_BODY_DEPTH) > MAX_BODY_DEPTH)
      throw DomainError.invalid(
        'body',
        'maxDepth',
        `the request body nests arrays and objects more than ${MAX_BODY_DEPTH} levels deep`,
      );
    return value;
  }
}
