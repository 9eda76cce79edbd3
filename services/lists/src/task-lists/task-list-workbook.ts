import * as ExcelJS from 'exceljs';
import {
  codePointLength,
  dateProblem,
  hasUnstorableCharacters,
  isIsoDate,
  TEXT_LIMITS,
} from '@dutychain/domain';
import { LIST_LIMITS } from '../common/list-limits';
import type { TaskItemDto } from './task-list.dto';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TASK_LIST_SHEET = '党委任务清单';

/** The usual template: one row per item, these columns in this order (the first row is the header). */
export const TASK_LIST_COLUMNS = [
  { header: '方面', key: 'aspect', max: TEXT_LIMITS.title, required: true },
  { header: '工作任务', key: 'content', max: TEXT_LIMITS.shortText, required: true },
  { header: '牵头部门', key: 'leadDepartment', max: TEXT_LIMITS.name, required: true },
  { header: '完成时限', key: 'deadline', max: 10, required: false },
] as const;

export interface WorkbookProblem {
  sheet: string;
  row: number;
  column: string;
  rule: string;
  message: string;
}

export async function taskListTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TASK_LIST_SHEET);
  sheet.columns = TASK_LIST_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'content' ? 60 : 20,
  }));
  sheet.addRow({
    aspect: '落实全面从严治党主体责任',
    content: '每半年召开一次党委专题会议研究部署党风廉政建设工作',
    leadDepartment: '党政办',
    deadline: '2026-06-30',
  });
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) {
      const result: unknown = value.result;
      return result instanceof Date
        ? result.toISOString().slice(0, 10)
        : typeof result === 'string' || typeof result === 'number'
          ? String(result)
          : '';
    }
    return '';
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

/** Reads the committee list's items from a workbook in the usual template; every problem is reported by row and column. */
export async function readTaskListWorkbook(
  buffer: Buffer,
): Promise<{ items: TaskItemDto[]; problems: WorkbookProblem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; Node's Buffer is what it actually takes.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return {
      items: [],
      problems: [
        {
          sheet: '',
          row: 0,
          column: '',
          rule: 'xlsx.readable',
          message: 'the file is not a readable .xlsx workbook',
        },
      ],
    };
  }
  const sheet = workbook.getWorksheet(TASK_LIST_SHEET) ?? workbook.worksheets[0];
  if (!sheet) {
    return {
      items: [],
      problems: [{ sheet: '', row: 0, column: '', rule: 'xlsx.sheet', message: 'the workbook has no sheet' }],
    };
  }
  const problems: WorkbookProblem[] = [];
  const header = TASK_LIST_COLUMNS.map((_, i) => cellText(sheet.getRow(1).getCell(i + 1)).trim());
  TASK_LIST_COLUMNS.forEach((column, i) => {
    if (header[i] !== column.header) {
      problems.push({
        sheet: sheet.name,
        row: 1,
        column: column.header,
        rule: 'template.header',
        message: `column ${i + 1} must be headed "${column.header}" (the usual template), found "${header[i] ?? ''}"`,
      });
    }
  });
  if (problems.length > 0) return { items: [], problems };
  const items: TaskItemDto[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values = TASK_LIST_COLUMNS.map((_, i) => cellText(row.getCell(i + 1)).trim());
    if (values.every((v) => v === '')) continue;
    const item: Record<string, string> = {};
    TASK_LIST_COLUMNS.forEach((column, i) => {
      const value = values[i] ?? '';
      const at = { sheet: sheet.name, row: r, column: column.header };
      if (value === '') {
        if (column.required)
          problems.push({ ...at, rule: 'required', message: `${column.header} must not be empty` });
        return;
      }
      if (codePointLength(value) > column.max) {
        problems.push({
          ...at,
          rule: 'maxLength',
          message: `${column.header} must be at most ${column.max} characters`,
        });
      } else if (hasUnstorableCharacters(value)) {
        problems.push({
          ...at,
          rule: 'text',
          message: `${column.header} contains characters that cannot be stored`,
        });
      } else if (column.key === 'deadline' && !isIsoDate(value)) {
        problems.push({
          ...at,
          rule: 'isoDate',
          message: `${column.header} must be a date written YYYY-MM-DD`,
        });
      } else if (column.key === 'deadline') {
        // The bounds of a deadline sent as JSON (IsIsoDate('deadline')).
        const problem = dateProblem(column.header, value, 'deadline');
        if (problem) problems.push({ ...at, rule: problem.rule, message: problem.message });
      }
      item[column.key] = value;
    });
    items.push(item as unknown as TaskItemDto);
  }
  if (items.length === 0 && problems.length === 0) {
    problems.push({
      sheet: sheet.name,
      row: 2,
      column: '',
      rule: 'notEmpty',
      message: 'the sheet has no items',
    });
  }
  if (items.length > LIST_LIMITS.taskItems) {
    problems.push({
      sheet: sheet.name,
      row: 0,
      column: '',
      rule: 'maxItems',
      message: `a task list has at most ${LIST_LIMITS.taskItems} items, the sheet has ${items.length}`,
    });
  }
  return { items, problems };
}
