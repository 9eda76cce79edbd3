import { BodyDepthPipe, MAX_BODY_DEPTH, nestingDepth } from './body-depth.pipe';
import { DomainError } from './error-codes';

function nested(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
}

describe('body depth', () => {
  it('measures how deep arrays and objects nest', () => {
    expect(nestingDepth('x')).toBe(0);
    expect(nestingDepth(null)).toBe(0);
    expect(nestingDepth({})).toBe(1);
    expect(nestingDepth({ a: [{ b: 1 }], c: 'x' })).toBe(3);
    expect(nestingDepth(nested(100_000))).toBe(100_000);
  });

  it('refuses a body deeper than the limit as a 400 naming the rule, before anything recursive reads it', () => {
    const pipe = new BodyDepthPipe();
    const body = { metadata: { type: 'body' as const } };
    expect(pipe.transform(nested(MAX_BODY_DEPTH), body.metadata)).toEqual(nested(MAX_BODY_DEPTH));
    let refused: unknown;
    try {
      pipe.transform(nested(10_000), body.metadata);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [{ field: 'body', rule: 'maxDepth' }],
    });
    // Query strings and path parameters are parsed shallowly: only bodies are measured.
    expect(pipe.transform(nested(100), { type: 'query' })).toEqual(nested(100));
  });
});
