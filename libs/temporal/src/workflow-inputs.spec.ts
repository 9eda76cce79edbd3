import { MAX_YEAR_LASTS_MS } from '@dutychain/calendar';
import { MAX_DAY_LASTS_MS } from '@dutychain/working-days';
import type { AnnualCycleInput, CopyNoticeInput, RiskListInput } from './index';
import {
  copyNoticeInputProblems,
  cycleInputProblems,
  monthlyReportInputProblems,
  riskListInputProblems,
} from './index';

const cycle: AnnualCycleInput = {
  unitId: 'unit-1',
  year: 2026,
  level: 'district',
  leadingOrgId: null,
  ancestors: [],
};

const notice: CopyNoticeInput = {
  noticeId: 'notice-1',
  unitId: 'unit-1',
  unitName: '东城区',
  ancestors: [],
  issuingUnitId: 'unit-1',
  issuerAncestors: [],
  escalationUnitId: null,
  source: 'petition',
  title: '抄告',
  addressees: [{ personId: 'p-1', name: '林晓红', role: 'secretary' }],
  replyWorkingDays: 10,
  remindWorkingDaysBefore: 2,
  activityTaskQueue: 'accountability',
};

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('the start-input rules the workflows and the APIs share', () => {
  it('bounds a compressed year: at least a minute, at most a year, whole milliseconds', () => {
    expect(cycleInputProblems(cycle)).toEqual([]);
    for (const yearLastsMs of [1e308, MAX_YEAR_LASTS_MS + 1, 59_999, 60_000.5, Number.NaN])
      expect(fields(cycleInputProblems({ ...cycle, compression: { yearLastsMs } }))).toEqual([
        'compression.yearLastsMs',
      ]);
    expect(cycleInputProblems({ ...cycle, compression: { yearLastsMs: MAX_YEAR_LASTS_MS } })).toEqual([]);
    const list: RiskListInput = { ...cycle, personId: 'p-1', compression: { yearLastsMs: 1e308 } };
    expect(fields(riskListInputProblems(list))).toEqual(['compression.yearLastsMs']);
  });

  it('bounds a compressed day (a null day is no day), and names broken ids by field', () => {
    expect(copyNoticeInputProblems(notice)).toEqual([]);
    for (const dayLastsMs of [null, MAX_DAY_LASTS_MS + 1, 999])
      expect(
        fields(copyNoticeInputProblems({ ...notice, compression: { dayLastsMs: dayLastsMs as number } })),
      ).toEqual(['compression.dayLastsMs']);
    expect(fields(cycleInputProblems({ ...cycle, unitId: 'a/b', year: 1999 }))).toEqual(['unitId']);
    expect(fields(cycleInputProblems({ ...cycle, year: 1999 }))).toEqual(['year']);
  });

  it('takes a report period in the years the services accept', () => {
    const report = { unitId: 'unit-1', activityTaskQueue: 'accountability' };
    expect(monthlyReportInputProblems({ ...report, period: '2026-11' })).toEqual([]);
    expect(fields(monthlyReportInputProblems({ ...report, period: '0001-01' }))).toEqual(['period']);
    expect(fields(monthlyReportInputProblems({ ...report, utcOffsetMinutes: 10_000 }))).toEqual([
      'utcOffsetMinutes',
    ]);
  });
});
