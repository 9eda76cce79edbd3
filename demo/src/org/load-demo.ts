/**
 * Loads the demo district (云溪区) into a running org service through its public API, once.
 * Usage: node -r @swc-node/register services/org/src/demo/load-demo.ts
 * Reads ORG_URL (default http://127.0.0.1:3001) and DUTYCHAIN_BOOTSTRAP_API_KEY.
 */
import { buildDemoDistrict, DEMO_DISTRICT_CODE } from './demo-district';

const baseUrl = process.env.ORG_URL ?? 'http://127.0.0.1:3001';
const apiKey = process.env.DUTYCHAIN_BOOTSTRAP_API_KEY ?? '';

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface Unit {
  id: string;
  name: string;
}

async function main(): Promise<void> {
  if (!apiKey) throw new Error('DUTYCHAIN_BOOTSTRAP_API_KEY is required');
  let district = await api<Unit>('GET', `/org-units/by-code/${DEMO_DISTRICT_CODE}`);
  if (district.status === 404) {
    const started = Date.now();
    const job = await api<{ status: string; summary: Record<string, number>; problems: unknown[] }>(
      'POST',
      '/imports?wait=true',
      buildDemoDistrict(),
    );
    if (job.body.status !== 'succeeded')
      throw new Error(`demo import failed: ${JSON.stringify(job.body.problems).slice(0, 2000)}`);
    console.log(`demo: imported 云溪区 in ${Date.now() - started} ms: ${JSON.stringify(job.body.summary)}`);
    district = await api<Unit>('GET', `/org-units/by-code/${DEMO_DISTRICT_CODE}`);
  } else if (district.status === 200) {
    console.log('demo: 云溪区 is already loaded');
  } else {
    throw new Error(`the org service answered ${district.status}: ${JSON.stringify(district.body)}`);
  }
  const { id } = district.body;
  const towns = await api<{ items: Unit[] }>('GET', `/org-units/${id}/subtree?level=town&limit=500`);
  const villages = await api<{ items: Unit[] }>('GET', `/org-units/${id}/subtree?level=village&limit=500`);
  const chain = await api<{
    first: { personName: string; title: string } | null;
    supervisory: { name: string } | null;
  }>('GET', `/org-units/${id}/responsibility-chain?date=2024-06-30`);
  console.log(
    `demo: ${district.body.name} (${id}): ${towns.body.items.length} towns and streets, ${villages.body.items.length} villages and communities`,
  );
  console.log(
    `demo: on 2024-06-30 the secretary was ${chain.body.first?.personName ?? '—'} (${chain.body.first?.title ?? ''}), supervised by ${chain.body.supervisory?.name ?? '—'}`,
  );
  console.log(
    `demo: browse it: curl -H "x-api-key: $DUTYCHAIN_BOOTSTRAP_API_KEY" ${baseUrl}/org-units/${id}/children`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
