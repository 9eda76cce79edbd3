import {
  ANNUAL_CYCLE_WORKFLOW_TYPE,
  cycleStartOptions,
  cycleWorkflowId,
  SEARCH_ATTRIBUTES,
} from '@dutychain/temporal';
import type { AnnualCycleInput, ChildUnitRef } from '@dutychain/temporal';
import { bundleCycleWorkflows } from '../src/worker';
import { InMemoryCycleActivities } from './support/in-memory-cycle-activities';
import { driveYear, stateOf } from './support/scenarios';
import type { DrivenCycle } from './support/scenarios';
import { createTestWorker, createTimeSkippingEnvironment, eventually } from './support/test-environment';
import { TestWorkflowEnvironment } from './support/test-environment';

// A city leads 5 districts; district 1 leads 3 towns: three levels, 9 cycles. Ids carry a tag so
// that runs on the shared dev server never meet.
function threeLevelTree(tag: string) {
  const city = `city-${tag}`;
  const district1 = `district-${tag}-1`;
  const districts: ChildUnitRef[] = [1, 2, 3, 4, 5].map((n) => ({
    unitId: `district-${tag}-${n}`,
    level: 'district',
  }));
  const towns: ChildUnitRef[] = [1, 2, 3].map((n) => ({ unitId: `town-${tag}-${n}`, level: 'town' }));
  return {
    city,
    district1,
    districts,
    towns,
    children: { [city]: districts, [district1]: towns } as Record<string, ChildUnitRef[]>,
    leaderOf: (unitId: string): string => (unitId.startsWith('town') ? district1 : city),
  };
}

describe('cascade over a three-level tree, a whole year on a compressed calendar (dev server)', () => {
  // The real dev server (deploy/local/temporal.sh) and real time: a year lasts two minutes. On the
  // time-skipping test server 1.38.0 an update to a parent busy with its children's reports is
  // sometimes never answered, which made this test flaky there.
  it('starts the level below in batches and aggregates child phases upward over a whole year', async () => {
    const dev = await TestWorkflowEnvironment.createFromExistingServer({
      address: process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233',
    });
    const tag = `y${Date.now().toString(36)}`;
    const tree = threeLevelTree(tag);
    const fake = new InMemoryCycleActivities(tree.children);
    const taskQueue = `cycles-test-${tag}`;
    const worker = await createTestWorker(dev, await bundleCycleWorkflows(), fake, taskQueue);
    const input: AnnualCycleInput = {
      unitId: tree.city,
      year: 2026,
      level: 'city',
      leadingOrgId: null,
      ancestors: [],
      compression: { yearLastsMs: 120_000 },
      cascade: { batchSize: 2 },
    };
    try {
      await worker.runUntil(async () => {
        const root = await dev.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, {
          ...cycleStartOptions(input),
          taskQueue,
        });
        const rootState = await eventually(async () => {
          const s = await stateOf(root);
          return s.children.cascadeDone && s.children.reporting === 5 ? s : undefined;
        }, 'the root to start and hear from its 5 districts');
        expect(rootState.children).toMatchObject({ started: 5, byPhase: { define: 5 }, overdue: 0 });
        // Batches of 2: three pages for the root, two for district 1, one (empty) for each leaf.
        expect(fake.listings.filter((l) => l.unitId === tree.city).map((l) => l.cursor)).toEqual([
          null,
          '2',
          '4',
        ]);
        expect(fake.listings.filter((l) => l.unitId === tree.district1).map((l) => l.cursor)).toEqual([
          null,
          '2',
        ]);

        const all = [tree.city, ...tree.districts.map((d) => d.unitId), ...tree.towns.map((t) => t.unitId)];
        const cycles: DrivenCycle[] = all.map((unitId) => ({
          handle: dev.client.workflow.getHandle(cycleWorkflowId(unitId, 2026)),
          confirmer: unitId === tree.city ? tree.city : tree.leaderOf(unitId),
        }));
        const district1 = dev.client.workflow.getHandle(cycleWorkflowId(tree.district1, 2026));
        const town = await dev.client.workflow.getHandle(cycleWorkflowId(`town-${tag}-2`, 2026)).describe();
        expect(town.typedSearchAttributes.get(SEARCH_ATTRIBUTES.unitAncestors)).toEqual([
          tree.city,
          tree.district1,
        ]);
        expect(town.typedSearchAttributes.get(SEARCH_ATTRIBUTES.level)).toBe('town');

        await driveYear(dev, cycles, {
          lateDefine: true,
          after: async (step) => {
            if (step === 'define') {
              // Everyone was red before publishing; the parent saw its children overdue, then not.
              const s = await eventually(async () => {
                const d = await stateOf(district1);
                return d.children.byPhase.perform === 3 ? d : undefined;
              }, 'district 1 to see its towns in perform');
              expect(s.children.overdue).toBe(0);
              // Each late town was escalated to district 1 (again every 7 calendar days while red).
              const escalated = fake.escalations
                .filter((e) => e.leadingOrgId === tree.district1)
                .map((e) => e.unitId);
              expect(new Set(escalated)).toEqual(new Set(tree.towns.map((t) => t.unitId)));
            }
            if (step === 'midYear') {
              await eventually(
                async () => (await stateOf(root)).children.byPhase.yearEnd === 5,
                'root to see 5 districts in yearEnd',
              );
            }
          },
        });
        await eventually(
          async () => {
            const described = await Promise.all(cycles.map((c) => c.handle.describe()));
            return described.every((d) => d.status.name === 'COMPLETED');
          },
          'every cycle to complete',
          60_000,
        );
        const finalRoot = await stateOf(root);
        expect(finalRoot.history.map((h) => h.to)).toEqual([
          'define',
          'perform',
          'midYear',
          'yearEnd',
          'appraisal',
          'closed',
        ]);
        expect(finalRoot.children).toMatchObject({ started: 5, reporting: 5, overdue: 0 });
        expect(finalRoot.children.byPhase.closed).toBe(5); // the root waited for its districts to close
        for (const unitId of all) {
          expect(fake.phasesOf(unitId)).toEqual([
            'define',
            'perform',
            'midYear',
            'yearEnd',
            'appraisal',
            'closed',
          ]);
        }
      });
    } finally {
      await dev.teardown();
    }
  }, 300_000);
});

describe('cascade over a three-level tree (time-skipping server)', () => {
  // One server per test: time skipping is global to a server, and a finished tree's last tasks
  // (reports to a parent that already closed) must not hold the next test's clock.
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnvironment();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  it('continues as new while the cascade runs, keeping cursor, children and phase (dev server)', async () => {
    // Runs on the local dev server (deploy/local/temporal.sh, 127.0.0.1:7233): no timers needed, and
    // the time-skipping test server 1.38.0 intermittently stalls a run that continues as new mid-cascade.
    const dev = await TestWorkflowEnvironment.createFromExistingServer({
      address: process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233',
    });
    const tag = `t${Date.now().toString(36)}`;
    const rootId = `city-${tag}`;
    // Enough one-child batches to pass 50 events even on the lean fast-start path.
    const many: ChildUnitRef[] = Array.from({ length: 12 }, (_, i) => ({
      unitId: `d-${tag}-${i + 1}`,
      level: 'district',
    }));
    const fake = new InMemoryCycleActivities({ [rootId]: many });
    const taskQueue = `cycles-test-${tag}`;
    const worker = await createTestWorker(dev, await bundleCycleWorkflows(), fake, taskQueue);
    const input: AnnualCycleInput = {
      unitId: rootId,
      year: 2026,
      level: 'city',
      leadingOrgId: null,
      ancestors: [],
      compression: { yearLastsMs: 3_600_000 },
      cascade: { batchSize: 1 },
      maxHistoryEvents: 50,
    };
    try {
      await worker.runUntil(async () => {
        const root = await dev.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, {
          ...cycleStartOptions(input),
          taskQueue,
        });
        const state = await eventually(async () => {
          const s = await stateOf(root);
          return s.children.cascadeDone && s.children.reporting === many.length ? s : undefined;
        }, 'all districts started and reporting');
        expect(state.runs).toBeGreaterThan(1);
        expect(state.children).toMatchObject({ started: 12, byPhase: { define: 12 } });
        expect(state.history.map((h) => h.to)).toEqual(['define']); // carried over, not restarted
        expect(fake.listings.filter((l) => l.unitId === rootId).map((l) => l.cursor)).toEqual([
          null,
          ...many.slice(1).map((_, i) => String(i + 1)),
        ]);
        expect(fake.phasesOf(rootId)).toEqual(['define']); // recorded once despite the new runs
        const described = await root.describe();
        expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.phase)).toBe('define');
        for (const unit of many)
          await dev.client.workflow.getHandle(cycleWorkflowId(unit.unitId, 2026)).terminate('test done');
        await root.terminate('test done');
      });
    } finally {
      await dev.teardown();
    }
  });

  it('fast start: leaves skip the directory, the parent records their start once and counts them at once', async () => {
    const leaves: ChildUnitRef[] = [1, 2, 3].map((n) => ({
      unitId: `village-fs-${n}`,
      level: 'village',
      childCount: 0,
    }));
    const fake = new InMemoryCycleActivities({ 'town-fs': leaves });
    const worker = await createTestWorker(env, await bundleCycleWorkflows(), fake);
    const input: AnnualCycleInput = {
      unitId: 'town-fs',
      year: 2028,
      level: 'town',
      leadingOrgId: 'district-fs',
      ancestors: ['district-fs'],
      compression: { yearLastsMs: 3_600_000 },
    };
    await worker.runUntil(async () => {
      const parent = await env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, cycleStartOptions(input));
      const state = await eventually(async () => {
        const s = await stateOf(parent);
        return s.children.cascadeDone && s.children.started === 3 ? s : undefined;
      }, 'the three villages started');
      // Counted in 'define' from their start, with no report needed.
      expect(state.children).toMatchObject({ reporting: 3, byPhase: { define: 3 } });
      const villages = leaves.map((leaf) =>
        env.client.workflow.getHandle(cycleWorkflowId(leaf.unitId, 2028)),
      );
      for (const village of villages) {
        const villageState = await eventually(async () => {
          const s = await stateOf(village);
          return s.history.length > 0 ? s : undefined;
        }, 'village cycle running');
        expect(villageState.phase).toBe('define');
        const described = await village.describe();
        expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.phase)).toBe('define');
        expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.level)).toBe('village');
      }
      // Only the town asked the directory; each start was recorded exactly once.
      expect(fake.listings.map((l) => l.unitId)).toEqual(['town-fs']);
      for (const leaf of leaves) expect(fake.phasesOf(leaf.unitId)).toEqual(['define']);
      expect(fake.phasesOf('town-fs')).toEqual(['define']);
      for (const village of villages) await village.terminate('test done');
      await parent.terminate('test done');
    });
  });

  it('overdue children are counted by the parent', async () => {
    const fake = new InMemoryCycleActivities({ 'district-9': [{ unitId: 'town-9-1', level: 'town' }] });
    const worker = await createTestWorker(env, await bundleCycleWorkflows(), fake);
    const input: AnnualCycleInput = {
      unitId: 'district-9',
      year: 2027,
      level: 'district',
      leadingOrgId: 'city-1',
      ancestors: ['city-1'],
      compression: { yearLastsMs: 3_600_000 },
    };
    await worker.runUntil(async () => {
      const parent = await env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, cycleStartOptions(input));
      const first = await eventually(async () => {
        const s = await stateOf(parent);
        return s.children.reporting === 1 ? s : undefined;
      }, 'child report');
      const define = first.deadlines.find((d) => d.phase === 'define')!;
      await env.sleep(define.workflowDeadline - (await env.currentTimeMs()) + 1_000);
      const late = await eventually(async () => {
        const s = await stateOf(parent);
        return s.children.overdue === 1 ? s : undefined;
      }, 'parent to count its overdue child');
      expect(late.overdue).toBe(true);
      const child = await env.client.workflow.getHandle(cycleWorkflowId('town-9-1', 2027)).describe();
      expect(child.typedSearchAttributes.get(SEARCH_ATTRIBUTES.overdue)).toBe(true);
      await env.client.workflow.getHandle(cycleWorkflowId('town-9-1', 2027)).terminate('test done');
      await parent.terminate('test done');
    });
  });
});
