import type { OpenApiDocument } from './reference-fields';
import {
  fieldsCoveredBy,
  REFERENCE_FIELD_NAME,
  referenceFieldsOf,
  referenceRowProblems,
} from './reference-fields';

describe('referenceFieldsOf', () => {
  const document: OpenApiDocument = {
    paths: {
      '/posts': {
        post: {
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreatePostDto' } } },
          },
        },
      },
      '/people/{personId}/cases': {
        parameters: [{ name: 'ignored', in: 'query' }],
        get: {
          parameters: [
            { name: 'personId', in: 'path' },
            { name: 'subtreeOf', in: 'query' },
            { $ref: '#/components/parameters/Approver' },
            { name: 'year', in: 'query' },
          ],
        },
      },
      '/bulletins': {
        post: {
          requestBody: { $ref: '#/components/requestBodies/Bulletin' },
        },
      },
      '/task-lists/import': {
        post: {
          requestBody: {
            content: {
              'multipart/form-data': {
                schema: { type: 'object', properties: { unitId: { type: 'string' }, file: {} } },
              },
              'application/json': { schema: { properties: { unitId: { type: 'string' } } } },
            },
          },
        },
      },
      '/tree': {
        put: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
        },
      },
    },
    components: {
      schemas: {
        CreatePostDto: {
          allOf: [
            { properties: { personId: { type: 'string' }, unitName: { type: 'string' } } },
            { $ref: '#/components/schemas/AtUnit' },
          ],
        },
        AtUnit: { properties: { unitId: { type: 'string' }, code: { type: 'string' } } },
        Entry: {
          properties: {
            unitId: { type: 'string' },
            personId: { type: 'string' },
            taskItemId: { type: 'string' },
          },
        },
        Node: {
          properties: {
            ownerId: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
          },
        },
      },
      parameters: { Approver: { name: 'approverId', in: 'query' } },
      requestBodies: {
        Bulletin: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  unitId: { type: 'string' },
                  violatorPersonIds: { type: 'array', items: { type: 'string' } },
                  negativeList: { type: 'array', items: { $ref: '#/components/schemas/Entry' } },
                  filter: { oneOf: [{ properties: { subtreeOf: { type: 'string' } } }] },
                },
              },
            },
          },
        },
      },
    },
  };

  it('finds body fields through $ref and allOf, query parameters, nested arrays; no path parameters; no loop', () => {
    expect(referenceFieldsOf(document).map((f) => `${f.operation} ${f.field}`)).toEqual([
      'GET /people/{personId}/cases ?approverId',
      'GET /people/{personId}/cases ?subtreeOf',
      'POST /bulletins filter.subtreeOf',
      'POST /bulletins negativeList[].personId',
      'POST /bulletins negativeList[].unitId',
      'POST /bulletins unitId',
      'POST /bulletins violatorPersonIds',
      'POST /posts personId',
      'POST /posts unitId',
      'POST /task-lists/import unitId',
      'PUT /tree ownerId', // a schema that contains itself is walked once
    ]);
  });

  it('matches names that end in a unit or person reference, and nothing else', () => {
    const matching = [
      'unitId',
      'guidingOrgId',
      'leadingOrgId',
      'hostUnitId',
      'supervisedUnitId',
      'overseerId',
      'headId',
      'heldById',
      'withPersonId',
      'violatorPersonIds',
      'approverId',
      'addresseeIds',
      'subjectId',
      'investigatorIds',
      'commissionId',
      'subtreeOf',
    ];
    const other = ['id', 'unit', 'unitName', 'taskItemId', 'caseId', 'unitIdentifier', 'subtreeOfX', 'code'];
    expect(matching.filter((name) => !REFERENCE_FIELD_NAME.test(name))).toEqual([]);
    expect(other.filter((name) => REFERENCE_FIELD_NAME.test(name))).toEqual([]);
  });

  it('takes another pattern', () => {
    expect(referenceFieldsOf(document, /^taskItemId$/)).toEqual([
      { operation: 'POST /bulletins', field: 'negativeList[].taskItemId' },
    ]);
  });
});

describe('rows of a table against the fields of a document', () => {
  const fields = [
    { operation: 'POST /posts', field: 'personId' },
    { operation: 'POST /posts', field: 'unitId' },
    { operation: 'GET /talks', field: '?personId' },
  ];

  it('reads grouped rows and ignores comments', () => {
    expect(fieldsCoveredBy(['POST /posts: personId, unitId — both at once', 'no row'])).toEqual([
      { operation: 'POST /posts', field: 'personId' },
      { operation: 'POST /posts', field: 'unitId' },
    ]);
  });

  it('names a field without a row, and a row without a field', () => {
    expect(referenceRowProblems(fields, ['POST /posts: personId, unitId', 'GET /talks: ?personId'])).toEqual({
      missing: [],
      unknown: [],
    });
    expect(referenceRowProblems(fields, ['POST /posts: personId', 'GET /talks: ?personId, ?unitId'])).toEqual(
      {
        missing: ['POST /posts: unitId'],
        unknown: ['GET /talks: ?unitId'],
      },
    );
  });
});
