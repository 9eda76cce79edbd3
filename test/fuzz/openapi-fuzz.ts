/**
 * The fuzz test's generator, pure (no I/O): reads an OpenAPI document, lists its write operations,
 * builds a valid body from the request schema and turns it into bad requests, one field at a time,
 * so that validation deeper than the first field is reached. The runner (write-endpoints.fuzz.spec.ts)
 * sends them to real services; everything here is unit-tested in openapi-fuzz.spec.ts.
 */

/** The subset of JSON Schema that @nestjs/swagger writes. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  allOf?: SchemaObject[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  description?: string;
}

interface ParameterObject {
  name: string;
  in: string;
  schema?: SchemaObject;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type WriteMethod = (typeof WRITE_METHODS)[number];

export interface PathParam {
  name: string;
  /** `year`: an integer in the path; `id`: a UUID; `text`: anything else (a code). */
  kind: 'id' | 'year' | 'text';
}

export interface WriteOperation {
  service: string;
  method: WriteMethod;
  /** The path template, e.g. `/risk-lists/{id}/items/{itemId}`. */
  path: string;
  /** `METHOD /path/{template}`: names the operation in case ids, hints and reports. */
  key: string;
  /** Every `{name}` of the template, in order (the document does not always declare them). */
  pathParams: PathParam[];
  body: 'json' | 'multipart' | 'none';
  /** The request body's schema with every $ref and allOf resolved (absent when the document has none). */
  schema?: SchemaObject;
}

/** Every POST, PUT, PATCH and DELETE of a document, in the document's order. */
export function writeOperations(service: string, document: OpenApiDocument): WriteOperation[] {
  const operations: WriteOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [verb, value] of Object.entries(item)) {
      const method = verb.toUpperCase();
      if (!isWriteMethod(method)) continue;
      const operation = value as OperationObject;
      const declared = new Map((operation.parameters ?? []).map((p) => [p.name, p] as const));
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name = '']) =>
        pathParam(name, declared.get(name)?.schema),
      );
      const content = operation.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      const multipart = content['multipart/form-data']?.schema;
      const raw = json ?? multipart;
      operations.push({
        service,
        method,
        path,
        key: `${method} ${path}`,
        pathParams,
        // Upload routes take multipart even where the document leaves the body out.
        body:
          json !== undefined
            ? 'json'
            : multipart !== undefined || /\/(xlsx|import|evidence)$/.test(path)
              ? 'multipart'
              : 'none',
        schema: raw === undefined ? undefined : resolveSchema(raw, document),
      });
    }
  }
  return operations;
}

function isWriteMethod(method: string): method is WriteMethod {
  return (WRITE_METHODS as readonly string[]).includes(method);
}

function pathParam(name: string, schema: SchemaObject | undefined): PathParam {
  if (name === 'year' || schema?.type === 'number' || schema?.type === 'integer')
    return { name, kind: 'year' };
  if (schema?.format === 'uuid' || /id$/i.test(name)) return { name, kind: 'id' };
  return { name, kind: 'text' };
}

/** Inlines $ref and merges allOf, recursively (swagger schemas here are acyclic; depth is capped anyway). */
export function resolveSchema(schema: SchemaObject, document: OpenApiDocument, depth = 0): SchemaObject {
  if (depth > 20) return {};
  let resolved: SchemaObject = schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    const { $ref: _ref, ...rest } = schema;
    resolved = { ...(target ?? {}), ...rest };
  }
  if (resolved.allOf) {
    const { allOf, ...rest } = resolved;
    resolved = allOf.reduce<SchemaObject>(
      (merged, part) => {
        const inner = resolveSchema(part, document, depth + 1);
        return {
          ...inner,
          ...merged,
          properties: { ...inner.properties, ...merged.properties },
          required: [...(inner.required ?? []), ...(merged.required ?? [])],
        };
      },
      { ...rest },
    );
  }
  const out: SchemaObject = { ...resolved };
  if (resolved.properties) {
    out.properties = Object.fromEntries(
      Object.entries(resolved.properties).map(([key, value]) => [
        key,
        resolveSchema(value, document, depth + 1),
      ]),
    );
  }
  if (resolved.items) out.items = resolveSchema(resolved.items, document, depth + 1);
  return out;
}

export type FieldPath = (string | number)[];

/** What a hint sees of a field: the operation, where the field is, its name and schema. */
export interface FieldContext {
  operation: string;
  path: FieldPath;
  name: string;
  schema: SchemaObject;
}

/** A valid value for a field (real ids, dates that fit the fixture), or undefined to use the schema's own. */
export type ValueHint = (field: FieldContext) => unknown;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A valid value for a schema: the hint's, else the example, the first enum value, the default, or
 * a plain value of the type. Objects get every property (optional ones too, so each can be mutated).
 */
export function validValue(
  schema: SchemaObject,
  context: { operation: string; path: FieldPath },
  hint: ValueHint = () => undefined,
): unknown {
  const name = String(lastNamed(context.path) ?? '');
  const hinted = context.path.length > 0 ? hint({ ...context, name, schema }) : undefined;
  if (hinted !== undefined) return hinted;
  if (schema.properties) {
    const value: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties))
      value[key] = validValue(property, { operation: context.operation, path: [...context.path, key] }, hint);
    return value;
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case 'array':
      return [validValue(schema.items ?? {}, { ...context, path: [...context.path, 0] }, hint)];
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'object':
      return {};
    default:
      return `模糊测试${name}`.slice(0, schema.maxLength ?? 100);
  }
}

function lastNamed(path: FieldPath): string | number | undefined {
  for (let index = path.length - 1; index >= 0; index--)
    if (typeof path[index] === 'string') return path[index];
  return undefined;
}

/** Text written into the JSON as it is: numbers JSON.stringify cannot write (1e400, 2^53 + 1). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a body, with RawJson values written verbatim and own `__proto__` keys kept. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const marker = (index: number) => `\u0001raw${index}\u0001`;
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof RawJson) {
      raws.push(item.text);
      return marker(raws.length - 1);
    }
    return item;
  });
  return raws.reduce((out, raw, index) => out.replace(JSON.stringify(marker(index)), raw), text ?? '');
}

/** An object with an own, enumerable key (also `__proto__`), as JSON.parse makes it. */
export function withOwnKey(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  for (const [name, item] of Object.entries(target)) if (name !== key) copy[name] = item;
  return copy;
}

/** A bad value, what it is (for reports), and whether a correct service must refuse it (4xx). */
export interface BadValue {
  label: string;
  value: unknown;
  refuse: boolean;
}

export type ValueKind = 'id' | 'date' | 'month' | 'enum' | 'text' | 'number' | 'boolean' | 'array' | 'object';

export function valueKind(schema: SchemaObject, value: unknown): ValueKind {
  if (Array.isArray(value)) return 'array';
  if (value !== null && typeof value === 'object') return 'object';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') {
    if (schema.enum?.length) return 'enum';
    if (UUID.test(value)) return 'id';
    if (ISO_DATE.test(value)) return 'date';
    if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  }
  return 'text';
}

export const LONG_TEXT_LENGTH = 100_000;
export const FIXED_RANDOM_UUID = '6f1c2a9e-5b7d-4c3e-9a8f-0d1e2f3a4b5c';

const must = (label: string, value: unknown): BadValue => ({ label, value, refuse: true });
const may = (label: string, value: unknown): BadValue => ({ label, value, refuse: false });

/**
 * The bad values tried on one field whose valid value is `value`. `refuse` is set only where no
 * reading of the schema could accept the value (a wrong type, NUL, a date that does not exist);
 * `null` is never marked, since some fields take null to clear a value.
 */
export function badValues(kind: ValueKind, value: unknown, schema: SchemaObject = {}): BadValue[] {
  const common: BadValue[] = [may('null', null)];
  const text = typeof value === 'string' ? value : '';
  // Ids, dates and enum values are formats: any other text is wrong. Free text may be anything storable.
  const formatted = kind !== 'text';
  const stringLike: BadValue[] = [
    must('number instead of string', 12345),
    must('boolean instead of string', true),
    must('array instead of string', [text]),
    must('object instead of string', { value: text }),
    { label: 'empty string', value: '', refuse: formatted },
    { label: 'blank string', value: '   ', refuse: formatted },
    must('NUL character', `${text.slice(0, 20)}\u0000x`),
    must('lone high surrogate', `${text.slice(0, 20)}\ud800`),
    must('lone low surrogate', `\udc00${text.slice(0, 20)}`),
    {
      label: '100k-character string',
      value: 'x'.repeat(LONG_TEXT_LENGTH),
      refuse: formatted || schema.maxLength !== undefined,
    },
    {
      label: '100k Chinese characters',
      value: '责'.repeat(LONG_TEXT_LENGTH),
      refuse: formatted || schema.maxLength !== undefined,
    },
    { label: 'boolean as string "true"', value: 'true', refuse: formatted },
    { label: 'prototype name "__proto__"', value: '__proto__', refuse: formatted },
  ];
  switch (kind) {
    case 'id':
      return [
        ...common,
        ...stringLike,
        must('not a UUID', 'not-a-uuid'),
        may('UPPER-CASE UUID', text.toUpperCase()),
        must('nil UUID', '00000000-0000-0000-0000-000000000000'),
        must('unknown UUID', FIXED_RANDOM_UUID),
        must('UUID with braces', `{${text}}`),
        must('SQL in an id', "' OR '1'='1"),
      ];
    case 'date':
    case 'month':
      return [
        ...common,
        ...stringLike,
        must('impossible date 2025-02-30', '2025-02-30'),
        may('far date 9999-12-31', '9999-12-31'),
        may('date 0001-01-01', '0001-01-01'),
        must('year zero 0000-01-01', '0000-01-01'),
        must('month 13', kind === 'month' ? '2025-13' : '2025-13-01'),
        must('date-time instead of date', '2025-02-28T25:00:00Z'),
        must('negative year', '-2025-01-01'),
        must('five-digit year', '20250-01-01'),
      ];
    case 'enum':
      return [
        ...common,
        ...stringLike,
        must('not in the enum', 'notInTheEnum'),
        must('enum value upper-case', text.toUpperCase()),
        must('inherited name "constructor"', 'constructor'),
        must('inherited name "toString"', 'toString'),
      ];
    case 'text':
      return [...common, ...stringLike];
    case 'number':
      return [
        ...common,
        may('number as string', String(value)),
        must('boolean instead of number', true),
        must('array instead of number', [value]),
        must('object instead of number', { value }),
        { label: 'huge number 1e308', value: 1e308, refuse: schema.maximum !== undefined },
        { label: 'huge negative -1e308', value: -1e308, refuse: schema.minimum !== undefined },
        must('overflowing 1e400 (Infinity)', new RawJson('1e400')),
        may('above 2^53', new RawJson('9007199254740993')),
        may('negative', -1),
        may('zero', 0),
        may('fraction', 0.5),
        {
          label: 'just above the maximum',
          value: schema.maximum !== undefined ? schema.maximum + 1 : 2 ** 31,
          refuse: schema.maximum !== undefined,
        },
        must('empty string', ''),
      ];
    case 'boolean':
      return [
        ...common,
        may('boolean as string "true"', 'true'),
        may('boolean as string "false"', 'false'),
        must('number 1 as boolean', 1),
        must('number 0 as boolean', 0),
        must('string "yes"', 'yes'),
        must('array instead of boolean', [true]),
        must('object instead of boolean', {}),
      ];
    case 'array': {
      const first: unknown = Array.isArray(value) ? value[0] : undefined;
      return [
        ...common,
        must('string instead of array', 'x'),
        must('object instead of array', { 0: first }),
        must('number instead of array', 1),
        may('empty array', []),
        must('array of null', [null]),
        must('array of numbers', [1, 2]),
        may('array of empty strings', ['']),
        must('array with a NUL string', ['\u0000']),
        must('array of arrays', [[first]]),
        {
          label: '1000 copies of the item',
          value: Array.from({ length: 1000 }, () => first),
          refuse: schema.maxItems !== undefined,
        },
        may('array holding a __proto__ object', [withOwnKey({}, '__proto__', { polluted: true })]),
      ];
    }
    case 'object':
      return [
        ...common,
        must('array instead of object', [value]),
        must('string instead of object', 'x'),
        must('number instead of object', 1),
        may('empty object', {}),
      ];
  }
}

/** The bad values tried on a path parameter; the text goes into the URL as it is (already encoded). */
export function badPathValues(param: PathParam, valid: string): BadValue[] {
  const common: BadValue[] = [
    must('NUL (%00)', `${valid}%00`),
    must('broken percent-encoding (%ZZ)', '%ZZ'),
    must('truncated UTF-8 (%F0%9F)', '%F0%9F'),
    must('lone surrogate as CESU-8 (%ED%A0%80)', '%ED%A0%80'),
    must('1000 characters', 'x'.repeat(1000)),
    must('encoded path traversal', '..%2F..%2Fhealth'),
    must('prototype name __proto__', '__proto__'),
    must('prototype name constructor', 'constructor'),
    must('blank (%20)', '%20'),
  ];
  if (param.kind === 'year')
    return [
      ...common,
      must('year 1e308', '1e308'),
      must('negative year', '-1'),
      must('fractional year', '2026.5'),
      must('hex year', '0x7EA'),
      must('20-digit year', '99999999999999999999'),
      must('year zero', '0'),
      must('boolean "true" as year', 'true'),
    ];
  if (param.kind === 'id')
    return [
      ...common,
      must('not a UUID', 'not-a-uuid'),
      may('UPPER-CASE UUID', valid.toUpperCase()),
      must('nil UUID', '00000000-0000-0000-0000-000000000000'),
      must('unknown UUID', FIXED_RANDOM_UUID),
      must('number', '12345'),
      must('huge number 1e308', '1e308'),
      must('negative number', '-1'),
      must('boolean "true"', 'true'),
    ];
  return [...common, must('not a code', '!!')];
}

/** A multipart body, turned into FormData by the runner. */
export interface MultipartBody {
  fields: Record<string, string>;
  file?: { field: string; name: string; type: string; content: string };
}

/** One HTTP request, described without sending it. */
export interface FuzzRequest {
  method: WriteMethod;
  /** Path and query, already encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string | MultipartBody;
}

/** What a case starts from: valid path values, an optional query string, a valid body. */
export interface BaseRequest {
  params: Record<string, string>;
  query?: string;
  body: unknown;
}

export interface FuzzCase {
  operation: string;
  /** Stable across runs: operation, what is changed, how. */
  id: string;
  /** A correct service must answer 4xx (a 2xx is reported as "accepted a bad request"). */
  refuse: boolean;
  build(base: BaseRequest): FuzzRequest;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

type AddCase = (what: string, refuse: boolean, build: (base: BaseRequest) => FuzzRequest) => void;

/** Every case of an operation. `sample` is a valid base (its shape decides which fields are mutated). */
export function fuzzCases(operation: WriteOperation, sample: BaseRequest): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const add: AddCase = (what, refuse, build) =>
    cases.push({ operation: operation.key, id: `${operation.key} :: ${what}`, refuse, build });
  const json = (
    base: BaseRequest,
    text: string | undefined,
    headers: Record<string, string> = JSON_HEADERS,
  ) => ({
    method: operation.method,
    url: requestUrl(operation, base),
    headers,
    body: text,
  });

  for (const param of operation.pathParams) {
    for (const bad of badPathValues(param, sample.params[param.name] ?? FIXED_RANDOM_UUID)) {
      add(`path ${param.name} :: ${bad.label}`, bad.refuse, (base) => ({
        ...validRequest(operation, base),
        url: requestUrl(operation, { ...base, params: { ...base.params, [param.name]: String(bad.value) } }),
      }));
    }
  }

  // The whole body, whatever the operation takes: a route without a body may ignore it, but text
  // sent as JSON that is not JSON is always refused (the body parser runs before any route).
  const takesObject = operation.body === 'json' && (operation.schema?.required?.length ?? 0) > 0;
  const wholeBody: [string, boolean, (base: BaseRequest) => FuzzRequest][] = [
    ['body :: empty, no content type', takesObject, (base) => json(base, undefined, {})],
    ['body :: empty, JSON content type', takesObject, (base) => json(base, '')],
    ['body :: not JSON', true, (base) => json(base, '{"unterminated": ')],
    ['body :: plain words', true, (base) => json(base, 'not json at all')],
    ['body :: JSON array', takesObject, (base) => json(base, '[]')],
    ['body :: array holding the valid body', takesObject, (base) => json(base, toJsonText([base.body]))],
    ['body :: JSON string', takesObject, (base) => json(base, '"a string"')],
    ['body :: JSON number', takesObject, (base) => json(base, '42')],
    ['body :: JSON null', takesObject, (base) => json(base, 'null')],
    ['body :: JSON true', takesObject, (base) => json(base, 'true')],
    ['body :: empty object', takesObject, (base) => json(base, '{}')],
    [
      'body :: 10000 nested arrays',
      operation.body === 'json',
      (base) => json(base, `${'['.repeat(10_000)}${']'.repeat(10_000)}`),
    ],
    [
      'body :: valid JSON sent as text/plain',
      false,
      (base) => json(base, toJsonText(base.body), { 'content-type': 'text/plain' }),
    ],
    [
      'body :: declared UTF-16',
      false,
      (base) => json(base, toJsonText(base.body), { 'content-type': 'application/json; charset=utf-16' }),
    ],
    [
      'body :: declared gzip, not compressed',
      operation.body === 'json',
      (base) => json(base, toJsonText(base.body), { ...JSON_HEADERS, 'content-encoding': 'gzip' }),
    ],
    [
      'body :: byte-order mark before the JSON',
      false,
      (base) => json(base, `\ufeff${toJsonText(base.body)}`),
    ],
  ];
  for (const [what, refuse, build] of wholeBody) add(what, refuse, build);

  if (operation.body === 'multipart') {
    addMultipartCases(operation, sample, add);
    return cases;
  }
  if (operation.body !== 'json' || !isPlainObject(sample.body)) return cases;

  add('body :: every field null', takesObject, (base) =>
    json(base, toJsonText(Object.fromEntries(Object.keys(objectOf(base.body)).map((key) => [key, null])))),
  );
  add('body :: unknown extra field', true, (base) =>
    json(base, toJsonText({ ...objectOf(base.body), fuzzExtra: 1 })),
  );

  for (const path of fieldPaths(sample.body)) {
    const field = path.join('.');
    const current = getPath(sample.body, path);
    const schema = schemaAt(operation.schema, path);
    for (const bad of badValues(valueKind(schema, current), current, schema)) {
      add(`field ${field} :: ${bad.label}`, bad.refuse, (base) =>
        json(base, toJsonText(setPath(base.body, path, bad.value))),
      );
    }
  }
  // Prototype keys at every object of the body, next to valid fields.
  const objects = [[], ...fieldPaths(sample.body).filter((p) => isPlainObject(getPath(sample.body, p)))];
  for (const path of objects) {
    const where = path.length === 0 ? 'body' : `field ${path.join('.')}`;
    for (const [key, value] of [
      ['__proto__', { polluted: true, roles: ['admin'] }],
      ['constructor', { prototype: { polluted: true } }],
      ['prototype', { polluted: true }],
    ] as const) {
      add(`${where} :: own key ${key}`, false, (base) =>
        json(
          base,
          toJsonText(updateAt(base.body, path, (object) => withOwnKey(objectOf(object), key, value))),
        ),
      );
    }
  }
  return cases;
}

function addMultipartCases(operation: WriteOperation, sample: BaseRequest, add: AddCase): void {
  const fields = (base: BaseRequest): Record<string, string> =>
    Object.fromEntries(Object.entries(objectOf(base.body)).map(([key, value]) => [key, String(value)]));
  const request = (base: BaseRequest, body: MultipartBody): FuzzRequest => ({
    method: operation.method,
    url: requestUrl(operation, base),
    headers: {},
    body,
  });
  const garbage = { field: 'file', name: 'a.xlsx', type: XLSX_TYPE, content: 'PK\u0003\u0004garbage' };
  const files: [string, boolean, MultipartBody['file'] | undefined][] = [
    ['no file', true, undefined],
    [
      'empty file',
      true,
      { field: 'file', name: 'empty.xlsx', type: 'application/octet-stream', content: '' },
    ],
    ['garbage as .xlsx', !/evidence$/.test(operation.path), garbage],
    ['text as .pdf', false, { field: 'file', name: 'a.pdf', type: 'application/pdf', content: 'not a pdf' }],
    ['file in another field', true, { field: 'upload', name: 'a.txt', type: 'text/plain', content: 'x' }],
    ['NUL in the file name', false, { field: 'file', name: 'a\u0000.txt', type: 'text/plain', content: 'x' }],
    [
      'lone surrogate in the file name',
      false,
      { field: 'file', name: '\ud800.txt', type: 'text/plain', content: 'x' },
    ],
    [
      '100k-character file name',
      false,
      { field: 'file', name: `${'x'.repeat(LONG_TEXT_LENGTH)}.txt`, type: 'text/plain', content: 'x' },
    ],
    [
      'unknown content type',
      false,
      { field: 'file', name: 'a.bin', type: 'application/x-fuzz', content: '\u0000\u0001' },
    ],
  ];
  for (const [what, refuse, file] of files)
    add(`multipart :: ${what}`, refuse, (base) => request(base, { fields: fields(base), file }));
  const text = (value: unknown) => (typeof value === 'string' ? value : toJsonText(value));
  for (const key of Object.keys(objectOf(sample.body))) {
    const schema = operation.schema?.properties?.[key] ?? {};
    const current = objectOf(sample.body)[key];
    // Form fields are text: only the values that stay wrong as text are kept.
    for (const bad of badValues(valueKind(schema, current), current, schema)) {
      if (bad.value === null || typeof bad.value === 'object') continue;
      add(`multipart field ${key} :: ${bad.label}`, bad.refuse && typeof bad.value === 'string', (base) =>
        request(base, { fields: { ...fields(base), [key]: text(bad.value) }, file: garbage }),
      );
    }
  }
}

function requestUrl(operation: WriteOperation, base: BaseRequest): string {
  return (
    operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => base.params[name] ?? FIXED_RANDOM_UUID) +
    (base.query ?? '')
  );
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The request a valid base makes (what path mutations start from). */
export function validRequest(operation: WriteOperation, base: BaseRequest): FuzzRequest {
  const url = requestUrl(operation, base);
  if (operation.body === 'multipart')
    return {
      method: operation.method,
      url,
      headers: {},
      body: {
        fields: Object.fromEntries(Object.entries(objectOf(base.body)).map(([k, v]) => [k, String(v)])),
        file: { field: 'file', name: 'a.txt', type: 'text/plain', content: 'fuzz' },
      },
    };
  return {
    method: operation.method,
    url,
    headers: operation.body === 'none' ? {} : JSON_HEADERS,
    body: operation.body === 'none' ? undefined : toJsonText(base.body),
  };
}

/** Every path to a value inside a body: object keys, and the first element of arrays. */
export function fieldPaths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  const paths: FieldPath[] = [];
  if (Array.isArray(value)) {
    if (value.length > 0) {
      paths.push([...prefix, 0]);
      paths.push(...fieldPaths(value[0], [...prefix, 0]).filter((p) => p.length > prefix.length + 1));
    }
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      paths.push([...prefix, key]);
      paths.push(...fieldPaths(item, [...prefix, key]).filter((p) => p.length > prefix.length + 1));
    }
  }
  return paths;
}

export function getPath(value: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>(
    (current, key) =>
      current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined,
    value,
  );
}

/** A copy of `value` with the value at `path` replaced (the original is left alone). */
export function setPath(value: unknown, path: FieldPath, replacement: unknown): unknown {
  return updateAt(value, path, () => replacement);
}

function updateAt(value: unknown, path: FieldPath, update: (current: unknown) => unknown): unknown {
  if (path.length === 0) return update(value);
  const [head, ...rest] = path as [string | number, ...FieldPath];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = updateAt(copy[Number(head)], rest, update);
    return copy;
  }
  const object = objectOf(value);
  return { ...object, [head]: updateAt(object[head], rest, update) };
}

/** The schema of the value at `path` (array indexes step into `items`). */
export function schemaAt(schema: SchemaObject | undefined, path: FieldPath): SchemaObject {
  let current: SchemaObject = schema ?? {};
  for (const key of path) {
    current = (typeof key === 'number' ? current.items : current.properties?.[key]) ?? {};
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function objectOf(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

/** mulberry32: a small, good-enough seeded generator, the same on every machine. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Up to `perOperation` cases of each operation, in the cases' own order. Each operation draws from
 * its own generator (the seed mixed with the operation's name), so narrowing a run to some operations
 * (FUZZ_ONLY) replays exactly the cases they had in the whole run.
 */
export function sampleCases<T extends { operation: string }>(
  cases: readonly T[],
  perOperation: number,
  seed: number,
): T[] {
  const byOperation = new Map<string, number[]>();
  cases.forEach((item, index) =>
    byOperation.set(item.operation, [...(byOperation.get(item.operation) ?? []), index]),
  );
  const picked = new Set<number>();
  for (const [operation, indexes] of byOperation) {
    const random = createRandom((seed ^ hashText(operation)) >>> 0);
    const pool = [...indexes];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    for (const index of pool.slice(0, perOperation)) picked.add(index);
  }
  return cases.filter((_item, index) => picked.has(index));
}

/** FNV-1a over the code points of a text: a stable 32-bit number for a name. */
export function hashText(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
  return hash;
}

/** FUZZ_SEED when given (an integer, or any text hashed to one), else today's UTC date as YYYYMMDD. */
export function resolveSeed(
  value: string | undefined,
  now: Date,
): { seed: number; source: 'FUZZ_SEED' | 'date' } {
  if (value !== undefined && value.trim() !== '') {
    const text = value.trim();
    if (/^\d{1,10}$/.test(text) && Number(text) <= 0xffffffff)
      return { seed: Number(text), source: 'FUZZ_SEED' };
    return { seed: hashText(text), source: 'FUZZ_SEED' };
  }
  const day = now.getUTCFullYear() * 10_000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
  return { seed: day, source: 'date' };
}

/** A body for a report: long runs of one character shortened, the whole cut at `max` characters. */
export function describeBody(body: FuzzRequest['body'], max = 600): string {
  if (body === undefined) return '(no body)';
  const text =
    typeof body === 'string'
      ? body
      : `multipart fields ${JSON.stringify(body.fields)}` +
        (body.file
          ? ` file ${body.file.field}=${JSON.stringify(body.file.name)} (${body.file.type})`
          : ' no file');
  const shortened = text.replace(
    /(.)\1{49,}/gsu,
    (run: string, char: string) => `${char}…(${[...run].length}×)`,
  );
  const escaped = JSON.stringify(shortened).slice(1, -1);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

/** Why a 4xx answer does not have the one error shape, or undefined when it does. */
export function errorShapeProblem(
  status: number,
  body: unknown,
  codes: readonly string[],
): string | undefined {
  if (!isPlainObject(body)) return 'the body is not a JSON object';
  if (body.statusCode !== status)
    return `statusCode ${JSON.stringify(body.statusCode)} is not the status ${status}`;
  if (typeof body.code !== 'string' || !codes.includes(body.code))
    return `code ${JSON.stringify(body.code)} is not one of the error codes`;
  if (typeof body.message !== 'string' || body.message.length === 0)
    return 'message is not a non-empty string';
  if (!Array.isArray(body.errors)) return 'errors is not an array';
  // Only "who are you", "not yours" and "no such thing" may leave the field unnamed; every other
  // refusal says which field broke which rule.
  if (body.errors.length === 0 && ![401, 403, 404].includes(status))
    return 'errors is empty: the answer names no field and no rule';
  for (const [index, problem] of body.errors.entries()) {
    if (!isPlainObject(problem)) return `errors[${index}] is not an object`;
    if (typeof problem.field !== 'string') return `errors[${index}].field is not a string`;
    if (typeof problem.rule !== 'string' || problem.rule.length === 0)
      return `errors[${index}].rule is not a non-empty string`;
    if (typeof problem.message !== 'string') return `errors[${index}].message is not a string`;
  }
  const extra = Object.keys(body).filter((key) => !['statusCode', 'code', 'message', 'errors'].includes(key));
  if (extra.length > 0) return `unexpected keys ${extra.join(', ')}`;
  return undefined;
}
