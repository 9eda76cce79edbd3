import * as ExcelJS from 'exceljs';
import type { RiskList } from './risk-list.entity';
import type { Signature } from './signature.entity';

const SOURCE_LABELS = { claimed: '认领', own: '自定' } as const;
const STATUS_LABELS: Record<RiskList['status'], string> = {
  draft: '起草中',
  submitted: '已签字提交',
  returned: '已退回',
  approved: '已审核认定',
  locked: '已锁定（逾期）',
};

/** The signer's copy (签字承诺, "one copy kept by the signer"): exactly the signed content, who, when, and its hash. */
export async function signedCopyWorkbook(signature: Signature): Promise<Buffer> {
  const c = signature.content;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('个人责任风险清单');
  sheet.columns = [
    { header: '序号', key: 'seq', width: 6 },
    { header: '来源', key: 'source', width: 8 },
    { header: '工作任务', key: 'content', width: 50 },
    { header: '廉政风险点', key: 'riskPoints', width: 40 },
    { header: '防控措施', key: 'measures', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const item of c.items) {
    sheet.addRow({
      seq: item.seq,
      source: SOURCE_LABELS[item.source],
      content: item.content,
      riskPoints: item.riskPoints.map((p, i) => `${i + 1}. ${p}`).join('\n'),
      measures: item.measures.map((m, i) => `${i + 1}. ${m}`).join('\n'),
    });
  }
  const signed = workbook.addWorksheet('签字承诺');
  signed.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 80 },
  ];
  signed.addRows([
    { k: '单位', v: c.unitName },
    { k: '年度', v: c.year },
    { k: '签字人', v: signature.signerName },
    { k: '签字人编号', v: signature.signerId },
    { k: '签字时间', v: signature.signedAt.toISOString() },
    { k: '轮次', v: signature.round },
    { k: '清单编号', v: c.listId },
    { k: '内容摘要(SHA-256)', v: signature.contentHash },
    { k: '承诺', v: '本人对以上清单内容负责，严格履行全面从严治党责任。' },
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface StatusRow {
  unitName: string;
  personName: string;
  status: RiskList['status'];
  round: number;
  items: number;
  submittedAt: Date | null;
  approvedAt: Date | null;
  findings: number;
  openOrders: number;
}

/** A subtree's lists and where each stands. */
export async function statusWorkbook(year: number, rows: StatusRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${year}年清单进度`);
  sheet.columns = [
    { header: '单位', key: 'unitName', width: 30 },
    { header: '姓名', key: 'personName', width: 12 },
    { header: '状态', key: 'status', width: 16 },
    { header: '轮次', key: 'round', width: 6 },
    { header: '事项数', key: 'items', width: 8 },
    { header: '提交时间', key: 'submittedAt', width: 22 },
    { header: '认定时间', key: 'approvedAt', width: 22 },
    { header: '质量问题', key: 'findings', width: 10 },
    { header: '未结督办单', key: 'openOrders', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow({
      ...row,
      status: STATUS_LABELS[row.status],
      submittedAt: row.submittedAt?.toISOString() ?? '',
      approvedAt: row.approvedAt?.toISOString() ?? '',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
