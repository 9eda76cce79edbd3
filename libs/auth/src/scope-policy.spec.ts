import type { ErrorCode } from '@dutychain/http';
import { httpStatusOf } from '@dutychain/http';
import type { Caller } from './caller';
import {
  assertMaySetGuidance,
  assertReferenceRun,
  assertReferenceSeen,
  assertRuns,
  assertSees,
  visiblePathCondition,
} from './scope-policy';

const DISTRICT = '/city/dc/';
const TOWN = '/city/dc/t1/';
const BUREAU = '/city/dc/d1/';
const OTHER_TOWN = '/city/xc/t1/';

function callerAt(unitPath: string, guidedUnitPaths: string[] = []): Caller {
  return {
    kind: 'person',
    id: 'p',
    name: '林晓红',
    roles: ['admin'],
    unitId: 'u',
    unitPath,
    guidedUnitPaths,
  };
}

/** Catches what a check throws, so a test can look at the status, code and body it would answer. */
function refusal(check: () => void): { status: number; code: string; message: string; fields: string[] } {
  try {
    check();
  } catch (error) {
    const refused = error as { code: ErrorCode; message: string; problems: { field: string }[] };
    return {
      status: httpStatusOf(refused.code),
      code: refused.code,
      message: refused.message,
      fields: refused.problems.map((problem) => problem.field),
    };
  }
  throw new Error('expected a refusal');
}

describe('the scope policy', () => {
  it('lets a caller see and run its own subtree, and see (not run) what its subtree guides', () => {
    const district = callerAt(DISTRICT);
    expect(() => assertRuns(district, TOWN, '柳营镇')).not.toThrow();
    const bureau = callerAt(BUREAU, [TOWN]);
    expect(() => assertSees(bureau, TOWN)).not.toThrow();
    expect(refusal(() => assertRuns(bureau, TOWN, '柳营镇'))).toMatchObject({
      status: 403,
      code: 'GUIDING_ORG_READ_ONLY',
    });
  });

  it('refuses a target out of sight with a neutral 403 that names nothing', () => {
    const town = callerAt(TOWN);
    const refused = refusal(() => assertRuns(town, OTHER_TOWN, '白沙街道'));
    expect(refused).toMatchObject({ status: 403, code: 'OUTSIDE_SCOPE' });
    expect(refused.message).not.toContain('白沙街道');
    expect(refusal(() => assertSees(town, DISTRICT)).code).toBe('OUTSIDE_SCOPE');
  });

  it('checks a reference by any of the paths that place it, naming only the field', () => {
    const town = callerAt(TOWN);
    // A person registered elsewhere but holding a post in the town is in sight.
    expect(() => assertReferenceSeen(town, 'personId', [OTHER_TOWN, `${TOWN}v1/`])).not.toThrow();
    const refused = refusal(() => assertReferenceSeen(town, 'personId', [OTHER_TOWN]));
    expect(refused).toMatchObject({ status: 403, code: 'OUTSIDE_SCOPE', fields: ['personId'] });
    expect(refusal(() => assertReferenceSeen(town, 'personId', [])).fields).toEqual(['personId']);
  });

  it('needs a reference to be run where the caller acts for it, read-only through a guide', () => {
    const bureau = callerAt(BUREAU, [TOWN]);
    expect(() => assertReferenceRun(bureau, 'overseerId', [`${BUREAU}x/`])).not.toThrow();
    expect(refusal(() => assertReferenceRun(bureau, 'overseerId', [TOWN], '赵立新')).code).toBe(
      'GUIDING_ORG_READ_ONLY',
    );
    expect(refusal(() => assertReferenceRun(bureau, 'overseerId', [OTHER_TOWN], '何丽萍'))).toMatchObject({
      code: 'OUTSIDE_SCOPE',
      fields: ['overseerId'],
    });
  });

  it('lets only a caller who runs both units set up dual management', () => {
    expect(() => assertMaySetGuidance(callerAt(DISTRICT), TOWN, BUREAU)).not.toThrow();
    expect(refusal(() => assertMaySetGuidance(callerAt(TOWN), TOWN, OTHER_TOWN)).fields).toEqual([
      'guidingOrgId',
    ]);
    // Guiding a unit one sees only through a guide does not count as running it.
    expect(refusal(() => assertMaySetGuidance(callerAt(BUREAU, [TOWN]), TOWN, BUREAU)).fields).toEqual([
      'id',
    ]);
  });

  it('writes the subtree filter as escaped LIKE prefixes, and nothing for a global caller', () => {
    const params: unknown[] = ['first'];
    const sql = visiblePathCondition(callerAt('/city/d_1/', ['/city/x%/']), 'unit.path', params);
    expect(sql).toBe('(unit.path LIKE $2 OR unit.path LIKE $3)');
    expect(params).toEqual(['first', '/city/d\\_1/%', '/city/x\\%/%']);
    expect(visiblePathCondition(callerAt('/'), 'unit.path', [])).toBe('true');
  });
});
