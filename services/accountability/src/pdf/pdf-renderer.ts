import { existsSync } from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import { DomainError, ErrorCode } from '@dutychain/http';
import type { BulletinView } from '../bulletins/bulletins.service';
import type { MonthlyReport } from '../reports/reports.service';

/** Noto Sans SC (OFL-1.1) from @embedpdf/fonts-sc: the default Chinese font of rendered documents. */
export function defaultChineseFontPath(): string | undefined {
  try {
    const file = path.join(
      path.dirname(require.resolve('@embedpdf/fonts-sc')),
      '../fonts/NotoSansHans-Regular.otf',
    );
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export interface PdfOptions {
  /** A TrueType or OpenType font with Chinese glyphs; subset into each document. */
  fontPath: string;
  /** Deflate the page streams (tests read them uncompressed). */
  compress?: boolean;
}

const FONT = 'cjk';

/**
 * Renders bulletins and monthly reports as A4 PDF with an embedded Chinese font (pdfkit subsets it,
 * so a document carries only the glyphs it uses and its text stays searchable and copyable).
 */
export class PdfRenderer {
  constructor(private readonly options: PdfOptions) {}

  private render(title: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
    if (!this.options.fontPath)
      throw new DomainError(
        ErrorCode.Unavailable,
        'no Chinese font is configured for PDFs: set ACCOUNTABILITY_PDF_FONT to a TrueType or OpenType font',
      );
    return new Promise((resolve, reject) => {
      const doc = new PDFDocument({
        size: 'A4',
        margins: { top: 60, bottom: 60, left: 64, right: 64 },
        compress: this.options.compress ?? true,
        info: { Title: title, Creator: 'DutyChain', Producer: 'DutyChain' },
        lang: 'zh-CN',
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      try {
        doc.registerFont(FONT, this.options.fontPath);
        doc.font(FONT);
        draw(doc);
        doc.end();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  bulletin(bulletin: BulletinView): Promise<Buffer> {
    return this.render(bulletin.title, (doc) => {
      const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
      doc.fontSize(10).fillColor('#b00000').text('内部通报 · 注意保存', { align: 'right' });
      doc.moveDown(0.5).fillColor('black').fontSize(18).text(bulletin.title, { align: 'center', width });
      doc
        .moveDown(0.3)
        .fontSize(10)
        .text(`${bulletin.unitName}　${localDate(bulletin.issuedAt)}`, { align: 'center' });
      doc.moveDown(1).fontSize(12).text(bulletin.body, { align: 'justify', lineGap: 4, paragraphGap: 6 });
      doc.moveDown(1).fontSize(14).text('负面清单');
      doc.moveDown(0.3).fontSize(11);
      if (bulletin.negativeList.length === 0) doc.text('（无）');
      for (const entry of bulletin.negativeList) {
        const who = entry.personName ? `${entry.unitName} ${entry.personName}` : entry.unitName;
        doc.text(`${entry.position}. ${who}：${entry.problem}`, { lineGap: 3, indent: 0 });
      }
      doc.moveDown(2).fontSize(11);
      const copyTo = bulletin.copyReportTo.map(
        (c) => `${c.unitName}${c.title ? ` ${c.title}` : ''} ${c.name}`,
      );
      doc.text(`抄报：${copyTo.length ? copyTo.join('；') : '（无）'}`);
      doc.text(`签发：${bulletin.issuedByName}`);
    });
  }

  monthlyReport(report: MonthlyReport): Promise<Buffer> {
    const title = `${report.unitName}${report.period.replace('-', '年')}月问责情况报告`;
    return this.render(title, (doc) => {
      doc.fontSize(18).text(title, { align: 'center' });
      doc
        .moveDown(0.3)
        .fontSize(10)
        .text(`生成于 ${localDate(report.generatedAt)}　双通报：典型案例曝光，各单位情况内部通报`, {
          align: 'center',
        });
      doc.moveDown(1).fontSize(14).text('一、典型案例');
      doc.moveDown(0.3).fontSize(11);
      if (report.typicalCases.length === 0) doc.text('本月无典型案例。');
      report.typicalCases.forEach((t, i) => {
        const measures = t.measures.map((m) => `${m.targetName}：${m.label}`).join('；');
        doc.text(`${i + 1}. ${t.unitName}（${t.violationDate}）${t.summary}。问责：${measures}`, {
          lineGap: 3,
        });
      });
      doc.moveDown(1).fontSize(14).text('二、各单位情况（内部）');
      doc.moveDown(0.5).fontSize(9);
      const columns = [
        '单位',
        '抄告',
        '按期回告',
        '逾期回告',
        '逾期',
        '立案',
        '办结',
        '问责人数',
        '问责组织',
      ];
      const widths = [150, 34, 48, 48, 30, 30, 30, 48, 48];
      const row = (cells: (string | number)[]) => {
        const y = doc.y;
        let x = doc.page.margins.left;
        cells.forEach((cell, i) => {
          doc.text(String(cell), x, y, { width: widths[i] ?? 40, lineBreak: false, ellipsis: true });
          x += widths[i] ?? 40;
        });
        doc.x = doc.page.margins.left;
        doc.y = y + 16;
        if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      };
      row(columns);
      for (const f of report.figures)
        row([
          f.unitName,
          f.noticesIssued,
          f.repliesOnTime,
          f.repliesLate,
          f.overdueMarks,
          f.casesOpened,
          f.casesClosed,
          f.peopleHeldAccountable,
          f.organisationsHeldAccountable,
        ]);
      const t = report.totals;
      row([
        '合计',
        t.noticesIssued,
        t.repliesOnTime,
        t.repliesLate,
        t.overdueMarks,
        t.casesOpened,
        t.casesClosed,
        t.peopleHeldAccountable,
        t.organisationsHeldAccountable,
      ]);
    });
  }
}

function localDate(value: Date | string): string {
  return new Date(new Date(value).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
