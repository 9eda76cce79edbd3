import type { OpenApiDocument, WriteOperation } from './openapi-fuzz';
import {
  badPathValues,
  badValues,
  createRandom,
  describeBody,
  errorShapeProblem,
  fieldPaths,
  fuzzCases,
  hashText,
  RawJson,
  resolveSchema,
  resolveSeed,
  sampleCases,
  setPath,
  toJsonText,
  validRequest,
  validValue,
  valueKind,
  withOwnKey,
  writeOperations,
} from './openapi-fuzz';

const DOCUMENT: OpenApiDocument = {
  paths: {
    '/things': {
      get: { parameters: [] },
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
      },
    },
    '/things/{id}/parts/{partId}': {
      // The document forgets the path parameters: they are read from the template.
      patch: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Part' } } } },
      },
      delete: {},
    },
    '/cycles/{unitId}/{year}': {
      post: {
        parameters: [
          { name: 'unitId', in: 'path', schema: { type: 'string', format: 'uuid' } },
          { name: 'year', in: 'path', schema: { type: 'number' } },
        ],
      },
    },
    '/things/import': { post: {} },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: {
          unitId: { type: 'string' },
          name: { type: 'string', example: '青石镇', maxLength: 100 },
          kind: { type: 'string', enum: ['a', 'b'] },
          startDate: { type: 'string', example: '2024-07-01' },
          count: { type: 'number', minimum: 1, maximum: 10 },
          active: { type: 'boolean' },
          parts: { type: 'array', items: { $ref: '#/components/schemas/Part' } },
          filter: { allOf: [{ $ref: '#/components/schemas/Part' }], description: 'merged' },
        },
        required: ['unitId', 'name'],
      },
      Part: { type: 'object', properties: { content: { type: 'string', maxLength: 500 } } },
    },
  },
};

const UNIT = '0b7c3f5e-2d4a-4c1b-9e8f-7a6b5c4d3e2f';

function thingOperation(): WriteOperation {
  const operation = writeOperations('things', DOCUMENT).find((op) => op.key === 'POST /things');
  if (!operation) throw new Error('no POST /things');
  return operation;
}

describe('fuzz generator: reading the document', () => {
  it('lists every write operation, with path parameters from the template and the body kind', () => {
    const operations = writeOperations('things', DOCUMENT);
    expect(operations.map((op) => op.key)).toEqual([
      'POST /things',
      'PATCH /things/{id}/parts/{partId}',
      'DELETE /things/{id}/parts/{partId}',
      'POST /cycles/{unitId}/{year}',
      'POST /things/import',
    ]);
    expect(operations[1]?.pathParams).toEqual([
      { name: 'id', kind: 'id' },
      { name: 'partId', kind: 'id' },
    ]);
    expect(operations[3]?.pathParams).toEqual([
      { name: 'unitId', kind: 'id' },
      { name: 'year', kind: 'year' },
    ]);
    expect(operations.map((op) => op.body)).toEqual(['json', 'json', 'none', 'none', 'multipart']);
  });

  it('resolves $ref and allOf all the way down', () => {
    const schema = resolveSchema({ $ref: '#/components/schemas/Thing' }, DOCUMENT);
    expect(schema.properties?.parts?.items?.properties?.content).toEqual({ type: 'string', maxLength: 500 });
    expect(schema.properties?.filter?.properties?.content?.maxLength).toBe(500);
    expect(schema.properties?.filter?.description).toBe('merged');
  });
});

describe('fuzz generator: valid bodies', () => {
  it('fills every property from hints, examples, enums and types', () => {
    const operation = thingOperation();
    const body = validValue(operation.schema ?? {}, { operation: operation.key, path: [] }, ({ name }) =>
      name === 'unitId' ? UNIT : undefined,
    );
    expect(body).toEqual({
      unitId: UNIT,
      name: '青石镇',
      kind: 'a',
      startDate: '2024-07-01',
      count: 1,
      active: false,
      parts: [{ content: '模糊测试content' }],
      filter: { content: '模糊测试content' },
    });
  });

  it('tells ids, dates, months, enums and text apart', () => {
    expect(valueKind({}, UNIT)).toBe('id');
    expect(valueKind({}, '2024-07-01')).toBe('date');
    expect(valueKind({}, '2026-11')).toBe('month');
    expect(valueKind({ enum: ['a'] }, 'a')).toBe('enum');
    expect(valueKind({}, '青石镇')).toBe('text');
    expect(valueKind({}, 3)).toBe('number');
    expect(valueKind({}, [])).toBe('array');
    expect(valueKind({}, {})).toBe('object');
  });
});

describe('fuzz generator: bad values', () => {
  const labels = (values: { label: string }[]) => values.map((value) => value.label);

  it('tries the inputs the issue names on every kind of field', () => {
    const text = badValues('text', '青石镇', { maxLength: 100 });
    const values = text.map((bad) => bad.value);
    expect(values).toEqual(expect.arrayContaining([null, 12345, true, 'true', '']));
    expect(values.some((v) => typeof v === 'string' && v.includes('\u0000'))).toBe(true);
    expect(values.some((v) => typeof v === 'string' && /\ud800$/.test(v))).toBe(true);
    expect(values.some((v) => typeof v === 'string' && v.length === 100_000)).toBe(true);

    expect(badValues('date', '2024-07-01').map((bad) => bad.value)).toEqual(
      expect.arrayContaining(['2025-02-30', '9999-12-31', '0001-01-01', '0000-01-01']),
    );
    expect(badValues('id', UNIT).map((bad) => bad.value)).toEqual(
      expect.arrayContaining(['not-a-uuid', UNIT.toUpperCase()]),
    );
    expect(badValues('number', 1).map((bad) => bad.value)).toEqual(expect.arrayContaining([1e308, -1, '1']));
    expect(labels(badValues('boolean', false))).toContain('boolean as string "true"');
  });

  it('marks as must-refuse only what no reading of the schema allows', () => {
    const refuse = (values: { label: string; refuse: boolean }[], label: string) =>
      values.find((value) => value.label === label)?.refuse;
    const text = badValues('text', 'x');
    expect(refuse(text, 'null')).toBe(false);
    expect(refuse(text, 'NUL character')).toBe(true);
    expect(refuse(text, 'number instead of string')).toBe(true);
    expect(refuse(text, 'boolean as string "true"')).toBe(false); // any text is text
    expect(refuse(text, '100k-character string')).toBe(false); // no maxLength given
    expect(refuse(badValues('text', 'x', { maxLength: 10 }), '100k-character string')).toBe(true);
    expect(refuse(badValues('id', UNIT), 'boolean as string "true"')).toBe(true);
    expect(refuse(badValues('id', UNIT), 'UPPER-CASE UUID')).toBe(false);
    expect(refuse(badValues('date', '2024-07-01'), 'impossible date 2025-02-30')).toBe(true);
    expect(refuse(badValues('date', '2024-07-01'), 'far date 9999-12-31')).toBe(false);
    expect(refuse(badValues('number', 1), 'huge number 1e308')).toBe(false);
    expect(refuse(badValues('number', 1, { maximum: 10 }), 'huge number 1e308')).toBe(true);
  });

  it('has path values for ids and years, written ready for the URL', () => {
    const id = badPathValues({ name: 'id', kind: 'id' }, UNIT);
    expect(id.map((bad) => bad.value)).toEqual(
      expect.arrayContaining(['not-a-uuid', UNIT.toUpperCase(), '%ZZ']),
    );
    const year = badPathValues({ name: 'year', kind: 'year' }, '2026');
    expect(year.map((bad) => bad.value)).toEqual(expect.arrayContaining(['1e308', '-1', '2026.5']));
  });
});

describe('fuzz generator: cases', () => {
  const operation = thingOperation();
  const body = {
    unitId: UNIT,
    name: '青石镇',
    kind: 'a',
    startDate: '2024-07-01',
    count: 1,
    active: false,
    parts: [{ content: '内容' }],
    filter: { content: '内容' },
  };
  const base = { params: {}, body };
  const cases = fuzzCases(operation, base);
  const byId = (id: string) => {
    const found = cases.find((c) => c.id === `POST /things :: ${id}`);
    if (!found) throw new Error(`no case ${id}`);
    return found;
  };
  const sentText = (id: string) => {
    const sent = byId(id).build(base).body;
    if (typeof sent !== 'string') throw new Error(`case ${id} sends no JSON text`);
    return sent;
  };
  const sentBody = (id: string) => JSON.parse(sentText(id)) as Record<string, unknown>;

  it('mutates one field at a time and keeps the others valid, nested fields included', () => {
    expect(sentBody('field name :: null')).toEqual({ ...body, name: null });
    expect(sentBody('field parts.0.content :: empty string')).toEqual({ ...body, parts: [{ content: '' }] });
    expect(sentBody('field filter.content :: NUL character')).toEqual({
      ...body,
      filter: { content: '内容\u0000x' },
    });
    expect(body.name).toBe('青石镇'); // the base is never changed
  });

  it('sends bad whole bodies: empty, not JSON, wrong JSON types, every field null', () => {
    expect(byId('body :: empty, no content type').build(base)).toEqual({
      method: 'POST',
      url: '/things',
      headers: {},
      body: undefined,
    });
    expect(byId('body :: not JSON').build(base).body).toBe('{"unterminated": ');
    expect(byId('body :: JSON array').build(base).body).toBe('[]');
    expect(byId('body :: JSON string').refuse).toBe(true);
    expect(Object.values(sentBody('body :: every field null')).every((value) => value === null)).toBe(true);
  });

  it('writes prototype keys as own keys of the JSON, next to the valid fields', () => {
    const text = sentText('body :: own key __proto__');
    expect(text.startsWith('{"__proto__":{"polluted":true')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ name: '青石镇' });
    expect(sentText('field filter :: own key constructor')).toContain('"filter":{"constructor":{"prototype"');
  });

  it('puts bad path values into the URL and keeps the body valid', () => {
    const patch = writeOperations('things', DOCUMENT)[1];
    const patchCases = fuzzCases(patch, { params: { id: UNIT, partId: UNIT }, body: { content: 'x' } });
    const upper = patchCases.find((c) => c.id.endsWith('path partId :: UPPER-CASE UUID'));
    expect(upper?.build({ params: { id: UNIT, partId: UNIT }, body: { content: 'x' } })).toEqual({
      method: 'PATCH',
      url: `/things/${UNIT}/parts/${UNIT.toUpperCase()}`,
      headers: { 'content-type': 'application/json' },
      body: '{"content":"x"}',
    });
  });

  it('sends uploads as multipart, with no file, garbage files and bad form fields', () => {
    const upload = writeOperations('things', DOCUMENT)[4];
    const uploadCases = fuzzCases(upload, { params: {}, body: { title: '清单' } });
    const noFile = uploadCases.find((c) => c.id.endsWith('multipart :: no file'));
    expect(noFile?.build({ params: {}, body: { title: '清单' } }).body).toEqual({
      fields: { title: '清单' },
    });
    expect(uploadCases.some((c) => c.id.includes('multipart field title :: NUL character'))).toBe(true);
    expect(validRequest(upload, { params: {}, body: {} }).body).toMatchObject({ file: { field: 'file' } });
  });

  it('gives every case a unique, stable id', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(fuzzCases(operation, base).map((c) => c.id)).toEqual(cases.map((c) => c.id));
  });
});

describe('fuzz generator: JSON text', () => {
  it('writes raw numbers JSON.stringify cannot write, and own __proto__ keys', () => {
    expect(toJsonText({ a: new RawJson('1e400'), b: [new RawJson('9007199254740993')] })).toBe(
      '{"a":1e400,"b":[9007199254740993]}',
    );
    expect(toJsonText(withOwnKey({ a: 1 }, '__proto__', { x: 1 }))).toBe('{"__proto__":{"x":1},"a":1}');
  });

  it('escapes lone surrogates so they arrive as sent', () => {
    expect(toJsonText({ a: '\ud800' })).toBe('{"a":"\\ud800"}');
  });

  it('lists field paths through objects and the first element of arrays, and sets copies', () => {
    const value = { a: { b: 1 }, c: [{ d: 2 }, { d: 3 }], e: [] };
    expect(fieldPaths(value)).toEqual([['a'], ['a', 'b'], ['c'], ['c', 0], ['c', 0, 'd'], ['e']]);
    expect(setPath(value, ['c', 0, 'd'], null)).toEqual({ a: { b: 1 }, c: [{ d: null }, { d: 3 }], e: [] });
    expect(value.c[0]?.d).toBe(2);
  });
});

describe('fuzz generator: seed and sample', () => {
  it('takes FUZZ_SEED (a number, or text hashed), else the UTC date', () => {
    expect(resolveSeed('12345', new Date())).toEqual({ seed: 12345, source: 'FUZZ_SEED' });
    expect(resolveSeed('abc', new Date()).seed).toBe(resolveSeed('abc', new Date(0)).seed);
    expect(resolveSeed(undefined, new Date('2026-03-05T23:59:00Z'))).toEqual({
      seed: 20260305,
      source: 'date',
    });
    expect(resolveSeed('  ', new Date('2026-03-05T00:00:00Z')).source).toBe('date');
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const first = createRandom(42);
    const again = createRandom(42);
    const other = createRandom(43);
    const a = [first(), first(), first()];
    expect([again(), again(), again()]).toEqual(a);
    expect([other(), other(), other()]).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('samples the same cases of every operation for the same seed, in their own order', () => {
    const cases = ['a', 'b'].flatMap((operation) =>
      Array.from({ length: 20 }, (_v, index) => ({ operation, index })),
    );
    const sample = sampleCases(cases, 3, 7);
    expect(sample).toHaveLength(6);
    expect(sample.filter((c) => c.operation === 'a')).toHaveLength(3);
    expect(sampleCases(cases, 3, 7)).toEqual(sample);
    expect(sampleCases(cases, 3, 8)).not.toEqual(sample);
    const indexes = sample.map((c) => cases.indexOf(c));
    expect([...indexes].sort((x, y) => x - y)).toEqual(indexes);
    expect(sampleCases(cases, 100, 7)).toHaveLength(40);
    // Narrowed to one operation, a run picks the cases it had in the whole run.
    const onlyB = cases.filter((c) => c.operation === 'b');
    expect(sampleCases(onlyB, 3, 7)).toEqual(sample.filter((c) => c.operation === 'b'));
  });

  it('hashes names to stable numbers', () => {
    expect(hashText('POST /notices')).toBe(hashText('POST /notices'));
    expect(hashText('POST /notices')).not.toBe(hashText('POST /cases'));
  });
});

describe('fuzz generator: checks and reports', () => {
  const codes = ['VALIDATION_FAILED', 'NOT_FOUND'];

  it('accepts the one error shape and names what is wrong with any other', () => {
    const good = {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'name: must be a string',
      errors: [{ field: 'name', rule: 'text', message: 'must be a string' }],
    };
    expect(errorShapeProblem(400, good, codes)).toBeUndefined();
    expect(
      errorShapeProblem(404, { ...good, statusCode: 404, code: 'NOT_FOUND', errors: [] }, codes),
    ).toBeUndefined();
    expect(errorShapeProblem(400, 'Bad Request', codes)).toBe('the body is not a JSON object');
    expect(errorShapeProblem(409, good, codes)).toContain('statusCode');
    expect(errorShapeProblem(400, { ...good, code: 'Bad Request' }, codes)).toContain('code');
    expect(errorShapeProblem(400, { ...good, errors: [{ field: 'name' }] }, codes)).toContain('rule');
    expect(errorShapeProblem(400, { ...good, errors: [] }, codes)).toContain('names no field');
    expect(errorShapeProblem(400, { ...good, error: 'Bad Request' }, codes)).toContain(
      'unexpected keys error',
    );
  });

  it('shortens long runs and cuts long bodies in reports', () => {
    expect(describeBody(`{"a":"${'x'.repeat(100_000)}"}`)).toBe('{\\"a\\":\\"x…(100000×)\\"}');
    expect(describeBody(undefined)).toBe('(no body)');
    expect(describeBody({ fields: { a: '1' } })).toBe('multipart fields {\\"a\\":\\"1\\"} no file');
    expect(describeBody('y'.repeat(10) + 'ab'.repeat(1000), 50)).toHaveLength(51);
  });
});
