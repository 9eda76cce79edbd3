import type { ListsTestEnv } from './support/lists-test-env';
import { startListsTestEnv } from './support/lists-test-env';

/**
 * A token is signed once, but what it may see is the directory's, now: a guiding link made or
 * removed in org reaches a token already issued here within DUTYCHAIN_API_KEY_CACHE_SECONDS.
 */
describe('a scope change in the directory reaches tokens already issued (real org process)', () => {
  let t: ListsTestEnv;
  const year = 2025;

  beforeAll(async () => {
    t = await startListsTestEnv({ DUTYCHAIN_API_KEY_CACHE_SECONDS: '1' });
  });
  afterAll(async () => t.close());

  /** Polls an answer's status for up to 5 s (the cache bound is 1 s). */
  async function statusBecomes(expected: number, probe: () => Promise<number>): Promise<number> {
    const until = Date.now() + 5_000;
    let status = await probe();
    while (status !== expected && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await probe();
    }
    return status;
  }

  it('a guiding link opens a unit to a live token, and removing it closes it again', async () => {
    // 东城区教育局's head, with a token issued before any link to 柳营镇.
    const bureau = await t.token('P-T1', 'DC-D1', ['committeeStaff']);
    const read = async () =>
      (await t.http().get(`/units/${t.units['DC-T1']}/task-lists/${year}`).set(bureau)).status;
    expect(await read()).toBe(403);

    const link = await t.org('PATCH', `/org-units/${t.units['DC-T1']}`, { guidingOrgId: t.units['DC-D1'] });
    expect(link.status).toBe(200);
    // Visible now: no task list yet, so 404 rather than 403.
    expect(await statusBecomes(404, read)).toBe(404);

    const unlink = await t.org('PATCH', `/org-units/${t.units['DC-T1']}`, { guidingOrgId: null });
    expect(unlink.status).toBe(200);
    expect(await statusBecomes(403, read)).toBe(403);
  });

  it('a token whose person left the unit is refused once the directory says so', async () => {
    const person = await t.org('POST', '/people', { code: 'P-TMP', name: '借调干部', unitId: t.units.XC });
    const post = await t.org('POST', '/posts', {
      personId: person.body.id,
      unitId: t.units['DC-T1'],
      kind: 'member',
      title: '借调委员',
      startDate: '2025-01-01',
    });
    expect(post.status).toBe(201);
    const issued = await t.org('POST', '/auth/tokens', {
      personId: person.body.id,
      unitId: t.units['DC-T1'],
      roles: ['committeeStaff'],
    });
    const seconded = { authorization: `Bearer ${issued.body.token as string}` };
    const read = async () =>
      (await t.http().get(`/units/${t.units['DC-T1']}/task-lists/${year}`).set(seconded)).status;
    expect(await read()).toBe(404);
    const ended = await t.org('POST', `/posts/${post.body.id}/end`, { endDate: '2025-06-30' });
    expect(ended.status).toBe(201);
    expect(await statusBecomes(401, read)).toBe(401);
  });
});
