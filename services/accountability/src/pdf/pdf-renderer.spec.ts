import { PdfRenderer, defaultChineseFontPath } from './pdf-renderer';
import type { BulletinView } from '../bulletins/bulletins.service';
import type { MonthlyReport } from '../reports/reports.service';

/** The ToUnicode map lists each used glyph's code point as 4 hex digits. */
const mapsCodePoint = (pdf: Buffer, char: string) =>
  pdf
    .toString('latin1')
    .toLowerCase()
    .includes(`<${char.codePointAt(0)?.toString(16).padStart(4, '0')}>`);

describe('PDF rendering with a Chinese font', () => {
  const fontPath = defaultChineseFontPath();
  const renderer = new PdfRenderer({ fontPath: fontPath ?? '', compress: false });

  it('finds the bundled Noto Sans SC font', () => {
    expect(fontPath).toMatch(/NotoSansHans-Regular\.otf$/);
  });

  it('renders a bulletin with its negative list and copy report, the font embedded as a subset', async () => {
    const bulletin: BulletinView = {
      id: 'b-1',
      unitId: 'u-1',
      unitName: '东城区纪委监委',
      title: '关于落实“一岗双责”情况的点评通报',
      body: '现将第三季度检查发现的问题通报如下。',
      copyReportTo: [
        { personId: 'p', name: '孙雅琴', title: '区委常委、副区长', unitName: '东城区', basis: 'supervisor' },
      ],
      issuedBy: 'x',
      issuedByName: '陈正清',
      issuedAt: new Date('2026-11-20T02:00:00Z'),
      negativeList: [
        {
          position: 1,
          unitId: 'u-2',
          unitName: '东城区教育局',
          personId: 'p2',
          personName: '吴海峰',
          problem: '整改不力',
        },
      ],
    };
    const pdf = await renderer.bulletin(bulletin);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(text).toContain('/ToUnicode');
    for (const char of ['负', '面', '清', '单', '抄', '报', '吴', '琴'])
      expect(mapsCodePoint(pdf, char)).toBe(true);
    expect(mapsCodePoint(pdf, '龘')).toBe(false); // subset: only the glyphs used
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('renders the monthly report with figures and typical cases', async () => {
    const report: MonthlyReport = {
      id: 'r',
      unitId: 'u',
      unitName: '东城区',
      period: '2026-11',
      workflowId: 'w',
      generatedAt: new Date('2026-12-01T00:00:00Z'),
      figures: [
        {
          unitId: 'u-2',
          unitName: '东城区教育局',
          noticesIssued: 2,
          repliesOnTime: 1,
          repliesLate: 1,
          overdueMarks: 1,
          casesOpened: 1,
          casesClosed: 1,
          peopleHeldAccountable: 1,
          organisationsHeldAccountable: 0,
        },
      ],
      typicalCases: [
        {
          caseId: 'c',
          unitName: '东城区教育局',
          summary: '违规收取择校费',
          violationDate: '2026-10-08',
          status: 'closed',
          measures: [{ targetName: '吴海峰', form: 'admonishment', label: '诫勉' }],
        },
      ],
      totals: {
        units: 1,
        noticesIssued: 2,
        repliesOnTime: 1,
        repliesLate: 1,
        overdueMarks: 1,
        casesOpened: 1,
        casesClosed: 1,
        peopleHeldAccountable: 1,
        organisationsHeldAccountable: 0,
      },
    };
    const pdf = await renderer.monthlyReport(report);
    for (const char of ['典', '型', '诫', '勉', '合', '计']) expect(mapsCodePoint(pdf, char)).toBe(true);
  });
});
