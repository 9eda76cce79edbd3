import type { OnApplicationBootstrap } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError } from '@temporalio/client';
import type { Caller } from '@dutychain/auth';
import { assertRuns, assertSees } from '@dutychain/auth';
import { dateProblem } from '@dutychain/domain';
import { assertWorkflowInput, DomainError } from '@dutychain/http';
import {
  MONTHLY_REPORT_WORKFLOW_TYPE,
  monthlyReportInputProblems,
  monthlyReportScheduleId,
} from '@dutychain/temporal';
import type { MonthlyReportInput, MonthlyReportSummary } from '@dutychain/temporal';
import { AccountabilityConfig } from '../accountability.config';
import { OrgDirectoryClient } from '@dutychain/service-kit';

export interface ScheduleView {
  scheduleId: string;
  unitId: string;
  created: boolean;
  nextActionTimes: string[];
  recentActions: { scheduledAt: string; workflowId: string }[];
}

/**
 * The monthly report runs from a Temporal Schedule per subtree root (08:00 Beijing time on the 1st,
 * for the month just ended), created idempotently at start-up for ACCOUNTABILITY_REPORT_UNIT_IDS
 * and by POST /monthly-reports/schedules.
 */
@Injectable()
export class ReportSchedulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportSchedules');

  constructor(
    private readonly client: Client,
    private readonly config: AccountabilityConfig,
    private readonly org: OrgDirectoryClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulesEnabled) return;
    for (const unitId of this.config.reportUnitIds) {
      try {
        const { created } = await this.ensure(unitId);
        this.logger.log({ msg: 'monthly report schedule ready', unitId, created });
      } catch (error) {
        this.logger.error({ msg: 'monthly report schedule not created', unitId, error: String(error) });
      }
    }
  }

  async create(caller: Caller, unitId: string): Promise<ScheduleView> {
    const unit = await this.org.unit(unitId);
    assertRuns(caller, unit.path, unit.name);
    const { created } = await this.ensure(unit.id);
    return this.describe(caller, unit.id, created);
  }

  async describe(caller: Caller, unitId: string, created = false): Promise<ScheduleView> {
    const unit = await this.org.unit(unitId);
    assertSees(caller, unit.path);
    const scheduleId = monthlyReportScheduleId(unitId);
    try {
      const description = await this.client.schedule.getHandle(scheduleId).describe();
      return {
        scheduleId,
        unitId,
        created,
        nextActionTimes: description.info.nextActionTimes.map((t) => t.toISOString()),
        recentActions: description.info.recentActions.map((a) => ({
          scheduledAt: a.scheduledAt.toISOString(),
          workflowId: a.action.workflow.workflowId,
        })),
      };
    } catch (error) {
      if (error instanceof ScheduleNotFoundError)
        throw DomainError.notFound('monthly report schedule', scheduleId);
      throw error;
    }
  }

  /** Runs the schedule's action now (demos, catching up); the report appears when the workflow ends. */
  async trigger(caller: Caller, unitId: string): Promise<ScheduleView> {
    const unit = await this.org.unit(unitId);
    assertRuns(caller, unit.path, unit.name);
    try {
      await this.client.schedule.getHandle(monthlyReportScheduleId(unitId)).trigger();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError)
        throw DomainError.notFound('monthly report schedule', monthlyReportScheduleId(unitId));
      throw error;
    }
    return this.describe(caller, unitId);
  }

  /** Builds the report of one month now, through the same workflow, and waits for it. */
  async runNow(caller: Caller, unitId: string, period: string): Promise<MonthlyReportSummary> {
    const unit = await this.org.unit(unitId);
    assertRuns(caller, unit.path, unit.name);
    const input: MonthlyReportInput = { unitId: unit.id, activityTaskQueue: this.config.taskQueue, period };
    // The workflow's own rule, then the month must have begun: a report of the future is empty.
    assertWorkflowInput(monthlyReportInputProblems(input));
    const begun = dateProblem('period', `${period}-01`, 'past');
    if (begun)
      throw DomainError.invalid(
        'period',
        begun.rule,
        `period must be a month that has begun (${begun.message})`,
      );
    return this.client.workflow.execute<(input: MonthlyReportInput) => Promise<MonthlyReportSummary>>(
      MONTHLY_REPORT_WORKFLOW_TYPE,
      {
        workflowId: `monthly-report/${unit.id}/${period}/${Date.now()}`,
        taskQueue: this.config.workflowTaskQueue,
        args: [input],
      },
    );
  }

  async ensure(unitId: string): Promise<{ created: boolean }> {
    const input: MonthlyReportInput = {
      unitId,
      activityTaskQueue: this.config.taskQueue,
      utcOffsetMinutes: this.config.workingDays.utcOffsetMinutes,
    };
    assertWorkflowInput(monthlyReportInputProblems(input));
    try {
      await this.client.schedule.create({
        scheduleId: monthlyReportScheduleId(unitId),
        spec: { calendars: [{ dayOfMonth: 1, hour: 8, comment: '问责月报告' }], timezone: 'Asia/Shanghai' },
        action: {
          type: 'startWorkflow',
          workflowType: MONTHLY_REPORT_WORKFLOW_TYPE,
          workflowId: `monthly-report/${unitId}`,
          taskQueue: this.config.workflowTaskQueue,
          args: [input],
        },
        state: { note: `monthly accountability report of unit ${unitId}` },
      });
      return { created: true };
    } catch (error) {
      if (error instanceof ScheduleAlreadyRunning) return { created: false };
      throw error;
    }
  }
}
