/**
 * The request fields of an OpenAPI document that name a unit or a person, for the indirect-access
 * specs: each such (operation, field) must have a row that sends a reference into another subtree.
 * Pure: it reads the document only.
 */

/**
 * Field names that reference a unit or a person (`unitId`, `guidingOrgId`, `violatorPersonIds`,
 * `heldById`, `commissionId`…), and `subtreeOf`, the root of a scoped read.
 */
export const REFERENCE_FIELD_NAME =
  /(^|[a-z])(unit|person|org|overseer|head|heldBy|approver|addressee|subject|investigator|leader|member|owner|commission)(Id|Ids)$|^subtreeOf$/i;

/** One field of one operation: `operation` is `POST /posts`; `field` is `personId`, `?unitId` (query), `negativeList[].personId`. */
export interface ReferenceField {
  operation: string;
  field: string;
}

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { $ref?: string; content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, Schema>;
    parameters?: Record<string, Parameter>;
    requestBodies?: Record<string, Operation['requestBody']>;
  };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/**
 * Every (operation, field) of the document's requests whose name matches `name`: query parameters
 * (as `?name`) and body fields at any depth (`a.b`, arrays as `a[].b`), through `$ref`, `allOf`,
 * `oneOf` and `anyOf`. Path parameters are left out: they name the target, which the access
 * matrices cover. Sorted, without duplicates (a body given as JSON and as multipart counts once).
 */
export function referenceFieldsOf(
  document: OpenApiDocument,
  name: RegExp = REFERENCE_FIELD_NAME,
): ReferenceField[] {
  const found = new Map<string, ReferenceField>();
  const add = (operation: string, field: string): void => {
    found.set(`${operation} ${field}`, { operation, field });
  };
  const resolve = <T extends { $ref?: string }>(node: T | undefined, seen: ReadonlySet<string>) => {
    let current: T | undefined = node;
    const refs = new Set(seen);
    while (current?.$ref !== undefined) {
      if (refs.has(current.$ref)) return { node: undefined, refs };
      refs.add(current.$ref);
      current = lookUp(document, current.$ref) as T | undefined;
    }
    return { node: current, refs };
  };
  const walk = (operation: string, schema: Schema | undefined, prefix: string, seen: ReadonlySet<string>) => {
    const { node, refs } = resolve(schema, seen);
    if (!node) return;
    for (const part of [...(node.allOf ?? []), ...(node.oneOf ?? []), ...(node.anyOf ?? [])])
      walk(operation, part, prefix, refs);
    if (node.items) walk(operation, node.items, `${prefix}[]`, refs);
    for (const [property, child] of Object.entries(node.properties ?? {})) {
      const field = prefix === '' ? property : `${prefix}.${property}`;
      if (name.test(property)) add(operation, field);
      walk(operation, child, field, refs);
    }
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const operation = `${method.toUpperCase()} ${path}`;
      const op = raw as Operation;
      for (const parameter of op.parameters ?? []) {
        const { node } = resolve(parameter, new Set());
        if (node?.in === 'query' && node.name !== undefined && name.test(node.name))
          add(operation, `?${node.name}`);
      }
      const { node: body } = resolve(op.requestBody, new Set());
      for (const media of Object.values(body?.content ?? {})) walk(operation, media.schema, '', new Set());
    }
  }
  return [...found.values()].sort((a, b) =>
    `${a.operation} ${a.field}`.localeCompare(`${b.operation} ${b.field}`),
  );
}

/**
 * The (operation, field) pairs a table of rows covers. A row is named `METHOD /path: field, field…`
 * (a row may cover several fields of one request); anything after ` — ` is a comment.
 */
export function fieldsCoveredBy(rowNames: readonly string[]): ReferenceField[] {
  return rowNames.flatMap((row) => {
    const [head = ''] = row.split(' — ');
    const colon = head.indexOf(': ');
    if (colon < 0) return [];
    const operation = head.slice(0, colon);
    return head
      .slice(colon + 2)
      .split(',')
      .map((field) => ({ operation, field: field.trim() }))
      .filter((covered) => covered.field !== '');
  });
}

/**
 * Compares the fields of a document with the rows of a table: `missing` has a field without a row,
 * `unknown` a row naming a field the document does not have (renamed or removed).
 */
export function referenceRowProblems(
  fields: readonly ReferenceField[],
  rowNames: readonly string[],
): { missing: string[]; unknown: string[] } {
  const key = (field: ReferenceField): string => `${field.operation}: ${field.field}`;
  const expected = new Set(fields.map(key));
  const covered = new Set(fieldsCoveredBy(rowNames).map(key));
  return {
    missing: [...expected].filter((field) => !covered.has(field)).sort(),
    unknown: [...covered].filter((field) => !expected.has(field)).sort(),
  };
}

function lookUp(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}
