import { ConfigError } from '@dutychain/config';
import { AccountabilityConfig } from './accountability.config';

describe('accountability configuration', () => {
  it('has defaults that match the local stack', () => {
    const config = AccountabilityConfig.fromEnv({ DUTYCHAIN_BOOTSTRAP_API_KEY: 'k'.repeat(40) });
    expect(config).toMatchObject({
      port: 3004,
      taskQueue: 'accountability',
      workflowTaskQueue: 'cycles',
      replyWorkingDays: 10,
      defaultCompression: null,
      reportUnitIds: [],
      schedulesEnabled: true,
    });
    expect(config.workingDays.coveredYears).toEqual([2026, 2027]);
    expect(config.pdfFontPath).toMatch(/NotoSansHans-Regular\.otf$/);
  });

  it('applies the deployment calendar and a compression', () => {
    const config = AccountabilityConfig.fromEnv({
      DUTYCHAIN_BOOTSTRAP_API_KEY: 'k'.repeat(40),
      ACCOUNTABILITY_WORKING_DAYS_JSON: '{"holidays":["2026-12-31"],"remove":["2026-10-07"]}',
      ACCOUNTABILITY_DAY_LASTS_MS: '5000',
      ACCOUNTABILITY_CALENDAR_START: '2026-09-30T01:00:00Z',
      ACCOUNTABILITY_REPORT_UNIT_IDS: 'a, b',
    });
    expect(config.workingDays.holidays).toContain('2026-12-31');
    expect(config.workingDays.holidays).not.toContain('2026-10-07');
    expect(config.defaultCompression).toEqual({ dayLastsMs: 5000, calendarStart: '2026-09-30T01:00:00Z' });
    expect(config.reportUnitIds).toEqual(['a', 'b']);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      AccountabilityConfig.fromEnv({
        ACCOUNTABILITY_PORT: 'x',
        ACCOUNTABILITY_WORKING_DAYS_JSON: '{"holidays":["2026-02-30"]}',
        ACCOUNTABILITY_DAY_LASTS_MS: '10',
        ACCOUNTABILITY_PDF_FONT: '/nowhere/font.ttf',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/ACCOUNTABILITY_PORT/);
    expect(message).toMatch(/holidays\[\d+\] must be a calendar date/);
    expect(message).toMatch(/dayLastsMs must be an integer of at least 1000/);
    expect(message).toMatch(/ACCOUNTABILITY_PDF_FONT: no font file/);
  });
});
