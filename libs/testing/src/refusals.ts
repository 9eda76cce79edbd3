/**
 * Expectations on how a service refuses what the caller may not touch, shared by the access
 * matrices and the indirect-access tests of every service (the scope policy's answers).
 */
interface Answered {
  status: number;
  body?: { code?: unknown; errors?: { field: string }[] } | undefined;
}

/** Status, error code and the fields the errors name: what a refusal is compared by. */
export function answerOf(response: Answered): { status: number; code: unknown; fields: string[] } {
  return {
    status: response.status,
    code: response.body?.code,
    fields: (response.body?.errors ?? []).map((error) => error.field),
  };
}

/** A reference out of sight: 403 OUTSIDE_SCOPE naming the caller's own field, nothing else. */
export const namesField =
  (field: string) =>
  (response: Answered): void =>
    expect(answerOf(response)).toEqual({ status: 403, code: 'OUTSIDE_SCOPE', fields: [field] });

/** The unit the request acts at (or reads under) is out of sight: the neutral 403 of a target. */
export const outOfSight = (response: Answered): void =>
  expect(answerOf(response)).toEqual({ status: 403, code: 'OUTSIDE_SCOPE', fields: [] });

/** A unit the caller's org guides: seen, not run. */
export const readOnly = (response: Answered): void =>
  expect(answerOf(response)).toMatchObject({ status: 403, code: 'GUIDING_ORG_READ_ONLY' });
