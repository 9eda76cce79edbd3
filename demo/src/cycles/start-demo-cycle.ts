/**
 * Starts the demo district's yearly cycle on a compressed calendar through the cycles API, then
 * shows, for a while, how many of its units are in each phase and how many are overdue.
 * Reads ORG_URL, CYCLES_URL, DUTYCHAIN_BOOTSTRAP_API_KEY, DEMO_YEAR_LASTS_MS (default 10 minutes)
 * and DEMO_WATCH_SECONDS (default 30).
 */
import { PHASES } from '@dutychain/calendar';

const orgUrl = process.env.ORG_URL ?? 'http://127.0.0.1:3001';
const cyclesUrl = process.env.CYCLES_URL ?? 'http://127.0.0.1:3002';
const headers = {
  'x-api-key': process.env.DUTYCHAIN_BOOTSTRAP_API_KEY ?? '',
  'content-type': 'application/json',
};
const yearLastsMs = Number(process.env.DEMO_YEAR_LASTS_MS ?? 600_000);
const watchSeconds = Number(process.env.DEMO_WATCH_SECONDS ?? 30);
const year = new Date().getFullYear();

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { headers, ...init });
  const body = (await response.json()) as T;
  if (!response.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function snapshot(unitId: string): Promise<string> {
  const counts = await Promise.all(
    PHASES.map(async (phase) => {
      const { count } = await json<{ count: number }>(
        `${cyclesUrl}/cycles/count?year=${year}&subtreeOf=${unitId}&running=true&phase=${phase}`,
      );
      return count > 0 ? `${phase} ${count}` : '';
    }),
  );
  const { count: overdue } = await json<{ count: number }>(
    `${cyclesUrl}/cycles/count?year=${year}&subtreeOf=${unitId}&running=true&overdue=true`,
  );
  return `${counts.filter(Boolean).join(', ') || 'starting'}; overdue ${overdue}`;
}

/** The cascade starts the level below in batches; wait until the number of running cycles settles. */
async function waitForCascade(unitId: string): Promise<void> {
  let previous = -1;
  for (let attempt = 0; attempt < 60; attempt++) {
    const { count } = await json<{ count: number }>(
      `${cyclesUrl}/cycles/count?year=${year}&subtreeOf=${unitId}&running=true`,
    );
    if (count === previous && count > 1) {
      console.log(`cycle: ${count} cycles running in the subtree`);
      return;
    }
    previous = count;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** Plays the committees of the district, its towns and its departments publishing their task lists; villages stay late. */
async function publishTaskLists(districtId: string): Promise<void> {
  const towns = await json<{ items: { id: string }[] }>(
    `${orgUrl}/org-units/${districtId}/subtree?level=town&limit=500`,
  );
  const departments = await json<{ items: { id: string }[] }>(
    `${orgUrl}/org-units/${districtId}/subtree?level=district&limit=500`,
  );
  let published = 0;
  // The district's own committee publishes through the lists service (run-lists-demo.ts).
  const below = [...departments.items, ...towns.items].filter((unit) => unit.id !== districtId);
  for (const unit of below) {
    const response = await fetch(`${cyclesUrl}/cycles/${unit.id}/${year}/task-list-published`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ taskListId: `TL-${year}-${unit.id.slice(0, 8)}`, itemCount: 28 }),
    });
    if (response.ok) published++;
  }
  console.log(
    `cycle: ${published} committees published their task lists (the villages' are left to go overdue)`,
  );
}

async function main(): Promise<void> {
  const district = await json<{ id: string; name: string }>(`${orgUrl}/org-units/by-code/YX`);
  const started = await json<{ workflowId: string; status: string }>(`${cyclesUrl}/cycles`, {
    method: 'POST',
    body: JSON.stringify({ unitId: district.id, year, includeSubtree: true, yearLastsMs }),
  });
  console.log(
    `cycle: ${district.name} ${year} is ${started.status} (${started.workflowId}); the year lasts ${yearLastsMs / 1000} s`,
  );
  if (['TERMINATED', 'FAILED', 'CANCELLED', 'TIMED_OUT'].includes(started.status)) {
    const retried = await json<{ succeeded: number }>(`${cyclesUrl}/cycles/bulk`, {
      method: 'POST',
      body: JSON.stringify({ action: 'retry', filter: { subtreeOf: district.id, year } }),
    });
    console.log(`cycle: restarted ${retried.succeeded} stopped cycles of the subtree`);
  }
  await waitForCascade(district.id);
  await publishTaskLists(district.id);
  for (let elapsed = 0; elapsed <= watchSeconds; elapsed += 5) {
    const state = await json<{ phase: string; warning: string; calendarNow: string }>(
      `${cyclesUrl}/cycles/${district.id}/${year}`,
    );
    console.log(
      `cycle: ${state.calendarNow.slice(0, 10)} ${district.name} in ${state.phase} (${state.warning}); subtree: ${await snapshot(district.id)}`,
    );
    if (elapsed < watchSeconds) await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  console.log(
    `cycle: follow it in the Temporal UI (search DutyUnitAncestors = "${district.id}") or GET ${cyclesUrl}/cycles?subtreeOf=${district.id}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
