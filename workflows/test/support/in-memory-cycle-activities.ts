/** In-memory cycle activities for tests: an org tree in a map, and a log of every call. */
import type { Client } from '@temporalio/client';
import { startChildCycles, startRiskListWorkflows } from '@dutychain/workflow-starters';
import type {
  ChildUnitPage,
  ChildUnitRef,
  CycleActivities,
  DeadlineEscalation,
  DeadlineReminder,
  ListChildUnitsInput,
  PhaseChangeRecord,
  StartRiskListsInput,
} from '@dutychain/temporal';

export class InMemoryCycleActivities {
  readonly reminders: DeadlineReminder[] = [];
  readonly escalations: DeadlineEscalation[] = [];
  readonly phaseChanges: PhaseChangeRecord[] = [];
  readonly listings: ListChildUnitsInput[] = [];
  private readonly seen = new Set<string>();
  /** Starts child cycles on the test's server; set by createTestWorker. */
  client: Client | undefined;
  /** Team members per unit id, for the define phase's risk lists (none unless a test sets them). */
  readonly teams: Record<string, string[]> = {};
  readonly riskListStarts: StartRiskListsInput[] = [];

  /** `tree` maps a unit id to the units it leads (the level below). */
  constructor(private readonly tree: Record<string, ChildUnitRef[]> = {}) {}

  /** Idempotent on `key`, as the real implementations must be (activities may run twice). */
  private once<T extends { key: string }>(list: T[], item: T): Promise<void> {
    if (!this.seen.has(item.key)) {
      this.seen.add(item.key);
      list.push(item);
    }
    return Promise.resolve();
  }

  activities(): CycleActivities {
    return {
      notifyConcerned: (input) => this.once(this.reminders, input),
      escalateToLeadingOrg: (input) => this.once(this.escalations, input),
      recordPhaseChange: (input) => this.once(this.phaseChanges, input),
      recordPhaseChanges: async (inputs) => {
        for (const input of inputs) await this.once(this.phaseChanges, input);
      },
      listChildUnits: (input) => Promise.resolve(this.page(input)),
      startChildCycles: async (input) => {
        if (!this.client) throw new Error('InMemoryCycleActivities needs a client to start child cycles');
        const page = this.page(input);
        const result = await startChildCycles(this.client, page.units, input);
        for (const record of result.records) await this.once(this.phaseChanges, record);
        return {
          started: result.started,
          alreadyRunning: result.alreadyRunning,
          nextCursor: page.nextCursor,
        };
      },
      startRiskLists: async (input) => {
        this.riskListStarts.push(input);
        const personIds = this.teams[input.unitId] ?? [];
        if (personIds.length > 0) {
          if (!this.client) throw new Error('InMemoryCycleActivities needs a client to start risk lists');
          await startRiskListWorkflows(this.client, personIds, input);
        }
        return { personIds };
      },
    };
  }

  private page(input: ListChildUnitsInput): ChildUnitPage {
    this.listings.push({ unitId: input.unitId, year: input.year, cursor: input.cursor, limit: input.limit });
    const all = this.tree[input.unitId] ?? [];
    const start = input.cursor === null ? 0 : Number(input.cursor);
    const units = all.slice(start, start + input.limit);
    const next = start + units.length;
    return { units, nextCursor: next < all.length ? String(next) : null };
  }

  phasesOf(unitId: string): string[] {
    return this.phaseChanges.filter((c) => c.unitId === unitId).map((c) => c.to);
  }
}
