import { existsSync } from 'node:fs';
import {
  DirectoryServiceConfig,
  EnvReader,
  readCommonConfig,
  readDirectoryClientConfig,
} from '@dutychain/config';
import { TASK_QUEUES } from '@dutychain/temporal';
import type { DayCompression, WorkingDayCalendar, WorkingDayOverrides } from '@dutychain/working-days';
import { defaultChineseFontPath } from './pdf/pdf-renderer';
import {
  applyWorkingDayOverrides,
  CHINA_WORKING_DAYS,
  dayCompressionProblem,
  workingDayCalendarProblems,
} from '@dutychain/working-days';

/** The accountability service's configuration, validated once at start-up (see its README). */
export class AccountabilityConfig extends DirectoryServiceConfig {
  /** Run the activity worker (accountability activities) in this process. */
  readonly workerEnabled!: boolean;
  /** Task queue of this service's activities; tests use their own. */
  readonly taskQueue!: string;
  /** Task queue of the workflow worker (the cycles service) that runs copy-notice loops and reports. */
  readonly workflowTaskQueue!: string;
  /** The deployment's working-day calendar: the China default with ACCOUNTABILITY_WORKING_DAYS_JSON applied. */
  readonly workingDays!: WorkingDayCalendar;
  /** Default compression of notice deadlines (demos, e2e); unset: real time. */
  readonly defaultCompression!: DayCompression | null;
  readonly replyWorkingDays!: number;
  readonly remindWorkingDaysBefore!: number;
  /** Subtree roots whose monthly report schedule is created at start-up. */
  readonly reportUnitIds!: string[];
  /** Create the monthly report schedules at start-up. */
  readonly schedulesEnabled!: boolean;
  /** TrueType/OpenType font with Chinese glyphs for PDFs; the bundled Noto Sans SC by default. */
  readonly pdfFontPath!: string | undefined;

  static fromEnv(env: Record<string, string | undefined> = process.env): AccountabilityConfig {
    const reader = new EnvReader(env);
    let overrides: WorkingDayOverrides = {};
    const overridesJson = reader.optionalString('ACCOUNTABILITY_WORKING_DAYS_JSON');
    if (overridesJson !== undefined) {
      try {
        overrides = JSON.parse(overridesJson) as WorkingDayOverrides;
      } catch {
        reader.require(
          false,
          'ACCOUNTABILITY_WORKING_DAYS_JSON must be JSON ({"holidays": [...], "workdays": [...]})',
        );
      }
    }
    const workingDays = applyWorkingDayOverrides(CHINA_WORKING_DAYS, overrides);
    for (const problem of workingDayCalendarProblems(workingDays))
      reader.require(false, `ACCOUNTABILITY_WORKING_DAYS_JSON: ${problem}`);
    const dayLasts = reader.optionalString('ACCOUNTABILITY_DAY_LASTS_MS');
    const compression: DayCompression | null =
      dayLasts === undefined
        ? null
        : {
            dayLastsMs: Number(dayLasts),
            calendarStart: reader.optionalString('ACCOUNTABILITY_CALENDAR_START') ?? null,
          };
    const compressionProblem = dayCompressionProblem(compression);
    reader.require(
      compressionProblem === undefined,
      `ACCOUNTABILITY_DAY_LASTS_MS / ACCOUNTABILITY_CALENDAR_START: ${compressionProblem ?? ''}`,
    );
    const config: AccountabilityConfig = Object.assign(new AccountabilityConfig(), {
      ...readCommonConfig(reader),
      host: reader.string('ACCOUNTABILITY_HOST', '127.0.0.1'),
      port: reader.int('ACCOUNTABILITY_PORT', 3004, { min: 0, max: 65535 }),
      ...readDirectoryClientConfig(reader, env),
      workerEnabled: reader.bool('ACCOUNTABILITY_WORKER_ENABLED', true),
      taskQueue: reader.string('ACCOUNTABILITY_TASK_QUEUE', TASK_QUEUES.accountability),
      workflowTaskQueue: reader.string(
        'ACCOUNTABILITY_WORKFLOW_TASK_QUEUE',
        env.CYCLES_TASK_QUEUE ?? TASK_QUEUES.cycles,
      ),
      workingDays,
      defaultCompression: compression,
      replyWorkingDays: reader.int('ACCOUNTABILITY_REPLY_WORKING_DAYS', 10, { min: 1, max: 300 }),
      remindWorkingDaysBefore: reader.int('ACCOUNTABILITY_REMIND_WORKING_DAYS_BEFORE', 2, {
        min: 1,
        max: 300,
      }),
      reportUnitIds: (reader.optionalString('ACCOUNTABILITY_REPORT_UNIT_IDS') ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
      schedulesEnabled: reader.bool('ACCOUNTABILITY_SCHEDULES_ENABLED', true),
      pdfFontPath: reader.optionalString('ACCOUNTABILITY_PDF_FONT') ?? defaultChineseFontPath(),
    });
    reader.require(
      config.pdfFontPath === undefined || existsSync(config.pdfFontPath),
      `ACCOUNTABILITY_PDF_FONT: no font file at ${config.pdfFontPath ?? ''}`,
    );
    reader.done();
    return config;
  }
}
