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

/**
 * The world a refused request must leave as it was (row counts, what each side reads, histories):
 * `attempt` sends a request that must be refused, checks the refusal with `answer`, checks that its
 * body names none of `hidden` (bar the names in `shown`, which the caller may see), and that the
 * world did not change. The baseline moves on after each attempt, so one failed row does not fail
 * the rows after it.
 */
export class UnchangedWorld<W> {
  baseline!: W;

  constructor(
    private readonly world: () => Promise<W>,
    private readonly hidden: readonly string[],
    private readonly shown: readonly string[] = [],
  ) {}

  async start(): Promise<W> {
    this.baseline = await this.world();
    return this.baseline;
  }

  async attempt<R extends { body?: unknown }>(
    send: PromiseLike<R>,
    answer: (response: R) => void,
  ): Promise<void> {
    const response = await send;
    const [before, after] = [this.baseline, await this.world()];
    this.baseline = after;
    answer(response);
    let text = Buffer.isBuffer(response.body) ? '' : JSON.stringify(response.body ?? null);
    for (const name of this.shown) text = text.replaceAll(name, '');
    expect(this.hidden.filter((name) => text.includes(name))).toEqual([]);
    expect(after).toEqual(before);
  }
}
