import type { WorkingDayCalendar } from './working-day-calendar';

const range = (year: number, month: number, from: number, to: number): string[] => {
  const days: string[] = [];
  for (let d = from; d <= to; d += 1)
    days.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return days;
};

/**
 * 2026, as announced by the General Office of the State Council (国务院办公厅关于2026年部分节假日安排的通知):
 * 元旦 1月1日–3日 (1月4日周日上班); 春节 2月15日–23日 (2月14日周六、2月28日周六上班);
 * 清明节 4月4日–6日; 劳动节 5月1日–5日 (5月9日周六上班); 端午节 6月19日–21日;
 * 中秋节 9月25日–27日; 国庆节 10月1日–7日 (9月20日周日、10月10日周六上班).
 */
export const CHINA_HOLIDAYS_2026 = {
  holidays: [
    ...range(2026, 1, 1, 3),
    ...range(2026, 2, 15, 23),
    ...range(2026, 4, 4, 6),
    ...range(2026, 5, 1, 5),
    ...range(2026, 6, 19, 21),
    ...range(2026, 9, 25, 27),
    ...range(2026, 10, 1, 7),
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/**
 * 2027, PROVISIONAL: the statutory holidays on their 2027 dates (元旦 1月1日; 春节 除夕 2月5日 to
 * 初三 2月8日; 清明节 4月5日; 劳动节 5月1日–2日; 端午节 6月9日; 中秋节 9月15日; 国庆节 10月1日–3日),
 * without the bridging days and 调休 of the official announcement, which is published late in
 * 2026. Deployments override it then (ACCOUNTABILITY_WORKING_DAYS_JSON / WorkingDayOverrides).
 */
export const CHINA_HOLIDAYS_2027_PROVISIONAL = {
  holidays: [
    '2027-01-01',
    ...range(2027, 2, 5, 8),
    '2027-04-05',
    ...range(2027, 5, 1, 2),
    '2027-06-09',
    '2027-09-15',
    ...range(2027, 10, 1, 3),
  ],
  workdays: [] as string[],
};

/** The default deployment calendar: mainland China, Beijing time, Saturday and Sunday off. */
export const CHINA_WORKING_DAYS: WorkingDayCalendar = {
  utcOffsetMinutes: 480,
  weekend: [0, 6],
  holidays: [...CHINA_HOLIDAYS_2026.holidays, ...CHINA_HOLIDAYS_2027_PROVISIONAL.holidays],
  workdays: [...CHINA_HOLIDAYS_2026.workdays, ...CHINA_HOLIDAYS_2027_PROVISIONAL.workdays],
  coveredYears: [2026, 2027],
};
