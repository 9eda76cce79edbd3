import type { ArgumentsHost } from '@nestjs/common';
import { IsOptional } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './error-codes';
import { AllExceptionsFilter, isTemporalUnavailable } from './exception.filter';
import { QueryBooleanPipe, UuidParamPipe } from './uuid-param.pipe';
import { createValidationPipe, reservedKeyPath } from './validation';
import {
  assertAtLeastOneField,
  assertWorkflowInput,
  IsIsoDate,
  IsQueryBoolean,
  IsUuidRef,
} from './validators';

const UPPER = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';

class RefsDto {
  @IsUuidRef()
  unitId!: string;

  @IsUuidRef({ optional: true })
  personId?: string;

  @IsOptional()
  @IsUuidRef({ each: true })
  ids?: string[];
}

class DatesDto {
  @IsIsoDate('past')
  happenedOn!: string;

  @IsIsoDate('deadline')
  due!: string;
}

class QueryDto {
  @IsQueryBoolean()
  mine!: boolean;
}

/** The problems (field, rule) a body gets from the validation pipe, or the value it becomes. */
async function validate(metatype: new () => object, value: unknown, type: 'body' | 'query' = 'body') {
  try {
    return { value: await createValidationPipe().transform(value, { type, metatype, data: undefined }) };
  } catch (error) {
    return { problems: (error as DomainError).problems.map((p) => `${p.field}:${p.rule}`) };
  }
}

/** What the exception filter answers for an error: status, Retry-After and body. */
function answer(exception: unknown): { status: number; headers: Record<string, string>; body: any } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    status: (status: number) => ((sent.status = status), response),
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    json: (body: unknown) => (sent.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('ids', () => {
  it('parses a path id into lower case, or names the parameter', () => {
    const pipe = new UuidParamPipe();
    expect(pipe.transform(UPPER, { type: 'param', data: 'id' })).toBe(UPPER.toLowerCase());
    expect(() => pipe.transform('nope', { type: 'param', data: 'unitId' })).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ field: 'unitId', rule: 'isUuid' })] }),
    );
  });

  it('keeps ids in bodies in lower case; an optional reference may be left out but not null', async () => {
    expect(await validate(RefsDto, { unitId: UPPER, ids: [UPPER] })).toEqual({
      value: expect.objectContaining({ unitId: UPPER.toLowerCase(), ids: [UPPER.toLowerCase()] }),
    });
    expect(await validate(RefsDto, { unitId: UPPER, personId: null })).toEqual({
      problems: ['personId:isUuid'],
    });
    expect(await validate(RefsDto, { unitId: null })).toEqual({ problems: ['unitId:isUuid'] });
  });
});

describe('reserved keys', () => {
  it('finds __proto__, constructor and prototype at any depth, as a field path', () => {
    expect(reservedKeyPath(JSON.parse('{"a":1,"__proto__":{"x":1}}'))).toBe('__proto__');
    expect(reservedKeyPath(JSON.parse('{"filter":{"constructor":{}}}'))).toBe('filter.constructor');
    expect(reservedKeyPath(JSON.parse('{"items":[{"a":1},{"prototype":2}]}'))).toBe('items[1].prototype');
    expect(reservedKeyPath({ a: [1, { b: 'constructor' }] })).toBeUndefined();
  });

  it('refuses them in bodies and queries with the rule of any unknown field', async () => {
    expect(
      await validate(RefsDto, JSON.parse(`{"unitId":"${UPPER}","__proto__":{"personId":null}}`)),
    ).toEqual({
      problems: ['__proto__:whitelistValidation'],
    });
    expect(await validate(QueryDto, { mine: 'true', constructor: 'x' }, 'query')).toEqual({
      problems: ['constructor:whitelistValidation'],
    });
  });
});

describe('booleans', () => {
  it('reads exactly true or false from a query, and nothing else', async () => {
    expect(await validate(QueryDto, { mine: 'true' }, 'query')).toEqual({ value: { mine: true } });
    expect(await validate(QueryDto, { mine: 'yes' }, 'query')).toEqual({ problems: ['mine:isBoolean'] });
    const pipe = new QueryBooleanPipe();
    expect(pipe.transform('false', { type: 'query', data: 'wait' })).toBe(false);
    expect(pipe.transform(undefined, { type: 'query', data: 'wait' })).toBeUndefined();
    expect(() => pipe.transform('1', { type: 'query', data: 'wait' })).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ field: 'wait', rule: 'isBoolean' })] }),
    );
  });

  it('leaves a lone boolean query parameter as it came for its pipe (Nest would read any text as false)', async () => {
    const pipe = createValidationPipe();
    expect(await pipe.transform('yes', { type: 'query', metatype: Boolean, data: 'wait' })).toBe('yes');
  });
});

describe('dates', () => {
  it('names the bound a date breaks', async () => {
    expect(await validate(DatesDto, { happenedOn: '9999-12-31', due: '0001-01-01' })).toEqual({
      problems: ['happenedOn:dateRange', 'due:dateRange'],
    });
    expect(await validate(DatesDto, { happenedOn: '2999-12-31', due: '2999-12-31' })).toEqual({
      problems: ['happenedOn:notFuture', 'due:deadlineWindow'],
    });
    expect(await validate(DatesDto, { happenedOn: '2024-02-30', due: null })).toEqual({
      problems: ['happenedOn:isoDate', 'due:isoDate'],
    });
    expect(await validate(DatesDto, { happenedOn: '2024-02-29', due: '2026-06-30' })).toEqual({
      value: expect.objectContaining({ happenedOn: '2024-02-29' }),
    });
  });
});

describe('partial updates and workflow inputs', () => {
  it('refuses an update that names no field', () => {
    expect(() => assertAtLeastOneField({}, ['content'])).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ field: 'body', rule: 'atLeastOneField' })],
      }),
    );
    expect(() => assertAtLeastOneField(undefined, ['content'])).toThrow(DomainError);
    expect(() => assertAtLeastOneField({ content: 'x' }, ['content'])).not.toThrow();
  });

  it("names a workflow input's problems by the request's fields", () => {
    expect(() =>
      assertWorkflowInput([{ field: 'compression.yearLastsMs', message: 'too long' }], {
        'compression.yearLastsMs': 'yearLastsMs',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        problems: [{ field: 'yearLastsMs', rule: 'workflowInput', message: 'too long' }],
      }),
    );
  });
});

describe('unavailable dependencies', () => {
  const unavailable = (field: string) => ({
    status: 503,
    headers: { 'Retry-After': '5' },
    body: expect.objectContaining({ code: 'UNAVAILABLE', errors: [expect.objectContaining({ field })] }),
  });

  it('answers 503 with Retry-After when PostgreSQL cannot be reached or shuts down', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(answer(refused)).toEqual(unavailable('database'));
    expect(answer(new AggregateError([refused], ''))).toEqual(unavailable('database'));
    const shutdown = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('terminating'), { code: '57P01' }),
    );
    expect(answer(shutdown)).toEqual(unavailable('database'));
    const dropped = new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'));
    expect(answer(dropped)).toEqual(unavailable('database'));
    expect(answer(new Error('timeout exceeded when trying to connect'))).toEqual(unavailable('database'));
    // A constraint is still the caller's conflict, not an outage.
    const unique = new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505' }));
    expect(answer(unique).status).toBe(409);
  });

  it('answers 503 with Retry-After when Temporal cannot be reached in time', () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: {},
    });
    const wrapped = Object.assign(new Error('Failed to start Workflow'), {
      name: 'ServiceError',
      cause: grpc,
    });
    expect(isTemporalUnavailable(wrapped)).toBe(true);
    expect(answer(wrapped)).toEqual(unavailable('temporal'));
    expect(answer(Object.assign(new Error('deadline'), { code: 4, details: 'Deadline exceeded' }))).toEqual(
      unavailable('temporal'),
    );
    expect(isTemporalUnavailable(Object.assign(new Error('not found'), { code: 5, details: 'x' }))).toBe(
      false,
    );
  });

  it('gives every 503 the one code and a Retry-After', () => {
    expect(answer(DomainError.unavailable('orgDirectory', 'the org directory is not reachable'))).toEqual(
      unavailable('orgDirectory'),
    );
    expect(answer(new Error('boom'))).toEqual({
      status: 500,
      headers: {},
      body: expect.objectContaining({ code: 'INTERNAL' }),
    });
  });
});
