/**
 * Reads and writes the org import as an Excel workbook laid out as WORKBOOK_LAYOUT says:
 * one sheet per section, header row 1, one row per record from row 2.
 *
 * Reading is lenient about layout (columns in any order, extra columns and blank rows ignored) and
 * strict about nothing else: every cell becomes a trimmed string and judging the values is left to
 * the validator. The codec reports only what stops it from reading: an unreadable file, a missing
 * 单位 sheet, a missing required column, and a cell of a known column holding an Excel error value
 * (#DIV/0!, #N/A, #REF!…, typed in or the result of a formula), which is no value at all.
 */
import * as ExcelJS from 'exceljs';
import {
  COMMISSION_KIND_LABELS,
  GENDER_LABELS,
  ORG_LEVEL_LABELS,
  ORG_UNIT_TYPE_LABELS,
  PARTY_ORG_TYPE_LABELS,
  POST_KIND_LABELS,
} from '@dutychain/domain';
import type { ImportDocument, ImportProblem, ImportSection } from '@dutychain/org-contract';
import { IMPORT_SECTIONS, WORKBOOK_LAYOUT, emptyImportDocument } from '@dutychain/org-contract';

/** Sections that must be in every workbook; the others may be left out. */
const REQUIRED_SECTIONS: readonly ImportSection[] = ['units'];

/** Columns every present sheet must have; the others are optional. */
export const REQUIRED_COLUMNS: Record<ImportSection, readonly string[]> = {
  units: ['code', 'name', 'level', 'type', 'partyOrgType'],
  commissions: ['code', 'name', 'kind', 'hostUnitCode'],
  people: ['code', 'name'],
  posts: ['personCode', 'unitCode', 'kind', 'startDate'],
  supervisions: ['personCode', 'unitCode', 'supervisedUnitCode', 'startDate'],
  oversightPairs: ['overseerCode', 'headCode', 'startDate'],
};

export interface WorkbookReadResult {
  /** Partial when there are problems: callers should report those and not import. */
  document: ImportDocument;
  problems: ImportProblem[];
  /** For each section, the Excel row number of each record, parallel to `document[section]`. */
  rowNumbers: Record<ImportSection, number[]>;
}

type Row = Record<string, string>;

export async function readImportWorkbook(buffer: Buffer | ArrayBuffer): Promise<WorkbookReadResult> {
  const result: WorkbookReadResult = {
    document: emptyImportDocument(),
    problems: [],
    rowNumbers: emptyRowNumbers(),
  };
  const workbook = await loadWorkbook(buffer);
  if (!workbook) {
    result.problems.push(
      problem('', 0, '', 'workbook.unreadable', '文件无法读取：不是有效的 Excel（.xlsx）工作簿'),
    );
    return result;
  }
  for (const section of IMPORT_SECTIONS) readSection(workbook, section, result);
  return result;
}

function emptyRowNumbers(): Record<ImportSection, number[]> {
  return Object.fromEntries(IMPORT_SECTIONS.map((section) => [section, []])) as unknown as Record<
    ImportSection,
    number[]
  >;
}

function problem(sheet: string, row: number, column: string, rule: string, message: string): ImportProblem {
  return { sheet, row, column, rule, message };
}

/** Anything exceljs cannot open (not a zip, a zip without a workbook, a truncated file) is unreadable. */
async function loadWorkbook(buffer: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer);
    // exceljs declares its own Buffer type; Node's Buffer is what it actually takes.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return workbook;
  } catch {
    return undefined;
  }
}

function readSection(workbook: ExcelJS.Workbook, section: ImportSection, result: WorkbookReadResult): void {
  const { sheet: sheetName, columns } = WORKBOOK_LAYOUT[section];
  const sheet = workbook.getWorksheet(sheetName);
  // An optional sheet left entirely empty is treated as left out.
  const absent = !sheet || (sheet.actualRowCount === 0 && !REQUIRED_SECTIONS.includes(section));
  if (!sheet || absent) {
    if (REQUIRED_SECTIONS.includes(section)) {
      result.problems.push(problem(sheetName, 0, '', 'sheet.required', `缺少必需的工作表“${sheetName}”`));
    }
    return;
  }
  const columnNumbers = findColumns(sheet, columns);
  for (const field of REQUIRED_COLUMNS[section]) {
    if (columnNumbers.has(field)) continue;
    const header = columns[field];
    result.problems.push(
      problem(sheetName, 1, header, 'column.required', `工作表“${sheetName}”缺少必需的列“${header}”`),
    );
  }
  sheet.eachRow((excelRow, rowNumber) => {
    if (rowNumber === 1) return;
    const read = readRow(excelRow, Object.keys(columns), columnNumbers, REQUIRED_COLUMNS[section]);
    if (!read) return;
    for (const { field, error } of read.errors) {
      const header = columns[field] ?? field;
      result.problems.push(
        problem(
          sheetName,
          rowNumber,
          header,
          'cellError',
          `工作表“${sheetName}”第 ${rowNumber} 行“${header}”列是错误值 ${error}，请填写实际内容`,
        ),
      );
    }
    (result.document[section] as unknown as Row[]).push(read.row);
    result.rowNumbers[section].push(rowNumber);
  });
}

/**
 * Maps each field to its column number by the header text in row 1.
 * The Chinese header is what the template writes; the field's code name is accepted too.
 */
function findColumns(sheet: ExcelJS.Worksheet, columns: Record<string, string>): Map<string, number> {
  const fieldByHeader = new Map<string, string>();
  for (const [field, header] of Object.entries(columns)) {
    fieldByHeader.set(header, field);
    fieldByHeader.set(field, field);
  }
  const found = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, columnNumber) => {
    const field = fieldByHeader.get(cellText(cell.value));
    // The first column with a given header wins; a repeated one is ignored like any extra column.
    if (field && !found.has(field)) found.set(field, columnNumber);
  });
  return found;
}

/**
 * One record from one Excel row, or undefined for a blank row. Fields come in layout order;
 * required ones are always present ('' when blank, for the validator to report), optional ones only when filled.
 * A cell holding an error value reads as blank and is listed in `errors`.
 */
function readRow(
  excelRow: ExcelJS.Row,
  fields: readonly string[],
  columnNumbers: Map<string, number>,
  required: readonly string[],
): { row: Row; errors: { field: string; error: string }[] } | undefined {
  const row: Row = {};
  const errors: { field: string; error: string }[] = [];
  let blank = true;
  for (const field of fields) {
    const columnNumber = columnNumbers.get(field);
    const value = columnNumber === undefined ? null : excelRow.getCell(columnNumber).value;
    const error = cellError(value);
    if (error !== undefined) {
      errors.push({ field, error });
      blank = false;
    }
    const text = cellText(value);
    if (text !== '') blank = false;
    if (text !== '' || required.includes(field)) row[field] = text;
  }
  return blank ? undefined : { row, errors };
}

/** The Excel error a cell holds (typed in, or as a formula's result), e.g. '#DIV/0!'; undefined for a value. */
export function cellError(value: ExcelJS.CellValue): string | undefined {
  if (value === null || typeof value !== 'object' || value instanceof Date) return undefined;
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result: unknown = value.result;
    if (typeof result === 'object' && result !== null && 'error' in result) return String(result.error);
  }
  return undefined;
}

/** Whatever a cell holds, as the trimmed text the validator will judge; '' for an error value (see cellError). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDateOf(value);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value)
    return value.richText
      .map((run) => run.text)
      .join('')
      .trim();
  if ('error' in value) return '';
  // Formula cells (plain or shared) are read by their last computed result.
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  // Hyperlinks: the visible text, which exceljs may itself give as rich text.
  if ('text' in value) return cellText(value.text);
  return '';
}

/** exceljs gives date cells as Dates at UTC midnight of the calendar day, so UTC parts are the day. */
function isoDateOf(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

// ---------------------------------------------------------------- writing

export async function writeImportWorkbook(document: ImportDocument): Promise<Buffer> {
  const workbook = newWorkbook();
  for (const section of IMPORT_SECTIONS) {
    writeSection(workbook, section, document[section] as unknown as Partial<Row>[]);
  }
  return toBuffer(workbook);
}

/** The template to download: the layout, one consistent example per sheet, and drop-downs of the Chinese labels. */
export async function importTemplateWorkbook(): Promise<Buffer> {
  const workbook = newWorkbook();
  for (const section of IMPORT_SECTIONS) {
    const sheet = writeSection(workbook, section, TEMPLATE_EXAMPLE[section] as unknown as Partial<Row>[]);
    addLabelDropDowns(sheet, section);
  }
  return toBuffer(workbook);
}

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DutyChain';
  // A fixed timestamp keeps the same document producing the same file.
  workbook.created = new Date(Date.UTC(2024, 0, 1));
  workbook.modified = workbook.created;
  return workbook;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.isBuffer(written) ? written : Buffer.from(written);
}

function writeSection(
  workbook: ExcelJS.Workbook,
  section: ImportSection,
  rows: Partial<Row>[],
): ExcelJS.Worksheet {
  const { sheet: sheetName, columns } = WORKBOOK_LAYOUT[section];
  const fields = Object.keys(columns);
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = fields.map((field) => ({
    header: columns[field],
    key: field,
    width: columnWidth(
      columns[field],
      rows.map((row) => row[field] ?? ''),
    ),
    // Text format, so codes like 001 and dates typed later in Excel stay as typed.
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(fields.map((field) => row[field] ?? null));
  return sheet;
}

/** Wide enough for the header and the longest value (CJK characters count double), within reason. */
function columnWidth(header: string, values: string[]): number {
  const displayWidth = (text: string) =>
    [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const widest = values.reduce((max, value) => Math.max(max, displayWidth(value)), displayWidth(header));
  return Math.min(Math.max(widest + 2, 10), 48);
}

/** Suggests the Chinese labels without refusing code names, which the import also accepts. */
function addLabelDropDowns(sheet: ExcelJS.Worksheet, section: ImportSection): void {
  const columns = Object.keys(WORKBOOK_LAYOUT[section].columns);
  for (const [field, labels] of Object.entries(LABEL_COLUMNS[section] ?? {})) {
    const letter = sheet.getColumn(columns.indexOf(field) + 1).letter;
    worksheetValidations(sheet).add(`${letter}2:${letter}1000`, {
      type: 'list',
      allowBlank: true,
      showErrorMessage: false,
      formulae: [`"${Object.values(labels).join(',')}"`],
    });
  }
}

/** exceljs has range validations at run time but leaves them out of its type declarations. */
function worksheetValidations(sheet: ExcelJS.Worksheet): {
  add(range: string, validation: ExcelJS.DataValidation): void;
} {
  return (sheet as unknown as { dataValidations: ReturnType<typeof worksheetValidations> }).dataValidations;
}

const LABEL_COLUMNS: Partial<Record<ImportSection, Record<string, Record<string, string>>>> = {
  units: { level: ORG_LEVEL_LABELS, type: ORG_UNIT_TYPE_LABELS, partyOrgType: PARTY_ORG_TYPE_LABELS },
  commissions: { kind: COMMISSION_KIND_LABELS },
  people: { gender: GENDER_LABELS },
  posts: { kind: POST_KIND_LABELS },
};

/**
 * Example rows in Chinese labels. The units and people sheets have two rows each so that every
 * other example (a supervision, an oversight pair) points at something that exists.
 */
export const TEMPLATE_EXAMPLE: ImportDocument = {
  units: [
    {
      code: 'YX',
      name: '云溪区',
      level: '区县',
      type: '区域',
      partyOrgType: '党委',
      commissionCode: 'YX-JW',
    },
    {
      code: 'YX-D01',
      name: '区教育局',
      level: '区县',
      type: '部门',
      partyOrgType: '党组',
      parentCode: 'YX',
      commissionCode: 'YX-JW',
    },
  ],
  commissions: [{ code: 'YX-JW', name: '云溪区纪委监委', kind: '纪委', hostUnitCode: 'YX' }],
  people: [
    { code: 'P00001', name: '张伟', gender: '男', unitCode: 'YX' },
    { code: 'P00002', name: '李芳', gender: '女', unitCode: 'YX-D01' },
  ],
  posts: [
    {
      personCode: 'P00001',
      unitCode: 'YX',
      kind: '委员',
      title: '区委常委、副区长',
      startDate: '2021-09-01',
    },
    {
      personCode: 'P00002',
      unitCode: 'YX-D01',
      kind: '书记',
      title: '局党组书记、局长',
      startDate: '2022-03-15',
    },
  ],
  supervisions: [
    {
      personCode: 'P00001',
      unitCode: 'YX',
      supervisedUnitCode: 'YX-D01',
      area: '教育',
      startDate: '2021-09-01',
    },
  ],
  oversightPairs: [{ overseerCode: 'P00001', headCode: 'P00002', startDate: '2022-03-15' }],
};
