import * as ExcelJS from 'exceljs';
import { buildDemoDistrict } from '@dutychain/demo';
import type { ImportDocument } from '@dutychain/org-contract';
import { IMPORT_SECTIONS, WORKBOOK_LAYOUT, emptyImportDocument } from '@dutychain/org-contract';
import {
  TEMPLATE_EXAMPLE,
  importTemplateWorkbook,
  readImportWorkbook,
  writeImportWorkbook,
} from './workbook-codec';

const UNITS = WORKBOOK_LAYOUT.units;

/** A small valid document: enough rows to break in different ways. */
function smallDocument(): ImportDocument {
  return {
    ...emptyImportDocument(),
    units: [
      { code: 'YX', name: '云溪区', level: 'district', type: 'region', partyOrgType: 'committee' },
      {
        code: 'YX-D01',
        name: '区教育局',
        level: 'district',
        type: 'department',
        partyOrgType: 'partyGroup',
        parentCode: 'YX',
      },
      {
        code: 'YX-D02',
        name: '区财政局',
        level: 'district',
        type: 'department',
        partyOrgType: 'partyGroup',
        parentCode: 'YX',
      },
    ],
    people: [{ code: 'P00001', name: '张伟', gender: 'male' }],
    posts: [
      { personCode: 'P00001', unitCode: 'YX', kind: 'secretary', title: '区委书记', startDate: '2021-09-01' },
    ],
  };
}

async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Writes a document, lets the test break the workbook, and gives back the bytes. */
async function brokenWorkbook(
  document: ImportDocument,
  breakIt: (workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const workbook = await loadWorkbook(await writeImportWorkbook(document));
  breakIt(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

describe('workbook codec: round trip', () => {
  it('reads back the demo district exactly, with Excel row numbers', async () => {
    const district = buildDemoDistrict();
    const { document, problems, rowNumbers } = await readImportWorkbook(await writeImportWorkbook(district));
    expect(problems).toEqual([]);
    expect(JSON.stringify(document)).toBe(JSON.stringify(district));
    for (const section of IMPORT_SECTIONS) {
      expect(rowNumbers[section]).toEqual(district[section].map((_, index) => index + 2));
    }
  });

  it('accepts an ArrayBuffer as well as a Buffer', async () => {
    const buffer = await writeImportWorkbook(smallDocument());
    const arrayBuffer = new Uint8Array(buffer).slice().buffer;
    const { document, problems } = await readImportWorkbook(arrayBuffer);
    expect(problems).toEqual([]);
    expect(document).toEqual(smallDocument());
  });

  it('writes every sheet with a bold, frozen header row in layout order', async () => {
    const workbook = await loadWorkbook(await writeImportWorkbook(smallDocument()));
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(
      IMPORT_SECTIONS.map((s) => WORKBOOK_LAYOUT[s].sheet),
    );
    for (const section of IMPORT_SECTIONS) {
      const ws = sheet(workbook, WORKBOOK_LAYOUT[section].sheet);
      const headers = (ws.getRow(1).values as unknown[]).slice(1);
      expect(headers).toEqual(Object.values(WORKBOOK_LAYOUT[section].columns));
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(10);
    }
  });

  it('produces a template whose Chinese example reads back without problems', async () => {
    const { document, problems } = await readImportWorkbook(await importTemplateWorkbook());
    expect(problems).toEqual([]);
    expect(document).toEqual(TEMPLATE_EXAMPLE);
    for (const section of IMPORT_SECTIONS) expect(document[section].length).toBeGreaterThanOrEqual(1);
    expect(document.units[0]).toMatchObject({ level: '区县', type: '区域', partyOrgType: '党委' });
  });
});

describe('workbook codec: layout problems', () => {
  it('reports a missing 单位 sheet', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) =>
      wb.removeWorksheet(sheet(wb, UNITS.sheet).id),
    );
    const { document, problems } = await readImportWorkbook(buffer);
    expect(problems).toEqual([
      { sheet: '单位', row: 0, column: '', rule: 'sheet.required', message: expect.stringContaining('单位') },
    ]);
    expect(document.units).toEqual([]);
    expect(document.posts).toHaveLength(1);
  });

  it('lets the other sheets be left out', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => {
      for (const section of IMPORT_SECTIONS.filter((s) => s !== 'units')) {
        wb.removeWorksheet(sheet(wb, WORKBOOK_LAYOUT[section].sheet).id);
      }
    });
    const { document, problems } = await readImportWorkbook(buffer);
    expect(problems).toEqual([]);
    expect(document).toEqual({ ...emptyImportDocument(), units: smallDocument().units });
  });

  it('reports a missing required column on row 1 by its Chinese header', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => sheet(wb, '单位').spliceColumns(2, 1));
    const { problems } = await readImportWorkbook(buffer);
    expect(problems).toEqual([
      {
        sheet: '单位',
        row: 1,
        column: '单位名称',
        rule: 'column.required',
        message: expect.stringContaining('单位名称'),
      },
    ]);
  });

  it('does not require optional columns', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => sheet(wb, '职务').spliceColumns(4, 1));
    const { document, problems } = await readImportWorkbook(buffer);
    expect(problems).toEqual([]);
    expect(document.posts).toEqual([
      { personCode: 'P00001', unitCode: 'YX', kind: 'secretary', startDate: '2021-09-01' },
    ]);
  });

  it('reports garbage bytes as an unreadable workbook', async () => {
    const { document, problems, rowNumbers } = await readImportWorkbook(
      Buffer.from('这不是 Excel 文件 PK\u0003\u0004'),
    );
    expect(problems).toEqual([
      { sheet: '', row: 0, column: '', rule: 'workbook.unreadable', message: expect.any(String) },
    ]);
    expect(document).toEqual(emptyImportDocument());
    expect(rowNumbers.units).toEqual([]);
  });

  it('reports an empty file as an unreadable workbook', async () => {
    const { problems } = await readImportWorkbook(Buffer.alloc(0));
    expect(problems.map((p) => p.rule)).toEqual(['workbook.unreadable']);
  });
});

describe('workbook codec: cells', () => {
  it('finds columns by header in any order and ignores extra columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('单位');
    ws.addRow(['备注', '党组织类型', '类型', '层级', '单位名称', '单位编码']);
    ws.addRow(['根节点', '党委', '区域', '区县', '云溪区', 'YX']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const { document, problems } = await readImportWorkbook(buffer);
    expect(problems).toEqual([]);
    expect(document.units).toEqual([
      { code: 'YX', name: '云溪区', level: '区县', type: '区域', partyOrgType: '党委' },
    ]);
  });

  it('reads a Date cell as YYYY-MM-DD from its UTC parts', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => {
      const cell = sheet(wb, '职务').getCell('E2');
      cell.value = new Date(Date.UTC(2024, 6, 1));
      cell.numFmt = 'yyyy-mm-dd';
    });
    const { document, problems } = await readImportWorkbook(buffer);
    expect(problems).toEqual([]);
    expect(document.posts[0]?.startDate).toBe('2024-07-01');
  });

  it('reads a numeric cell as its string', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => {
      sheet(wb, '单位').getCell('A3').value = 1001;
      sheet(wb, '人员').getCell('A2').value = 42.5;
    });
    const { document } = await readImportWorkbook(buffer);
    expect(document.units[1]?.code).toBe('1001');
    expect(document.people[0]?.code).toBe('42.5');
  });

  it('trims text, joins rich text and takes formula results', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => {
      const units = sheet(wb, '单位');
      units.getCell('A2').value = '  YX \t';
      units.getCell('B2').value = { richText: [{ text: '云溪', font: { bold: true } }, { text: '区' }] };
      units.getCell('B3').value = { formula: '"区教"&"育局"', result: '区教育局' };
    });
    const { document } = await readImportWorkbook(buffer);
    expect(document.units.slice(0, 2).map((u) => [u.code, u.name])).toEqual([
      ['YX', '云溪区'],
      ['YX-D01', '区教育局'],
    ]);
  });

  it('skips blank rows and keeps Excel row numbers of the others', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => {
      const units = sheet(wb, '单位');
      units.insertRow(3, []);
      // A row of spaces only counts as blank too.
      units.insertRow(5, ['  ', ' ']);
    });
    const { document, problems, rowNumbers } = await readImportWorkbook(buffer);
    expect(problems).toEqual([]);
    expect(document.units.map((u) => u.code)).toEqual(['YX', 'YX-D01', 'YX-D02']);
    expect(rowNumbers.units).toEqual([2, 4, 6]);
  });

  it('reports error values, typed in or computed by a formula, by sheet, row and column header', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => {
      const units = sheet(wb, '单位');
      units.getCell('B2').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      units.getCell('F3').value = { error: '#REF!' }; // 上级单位编码, optional
      sheet(wb, '职务').getCell('E2').value = { formula: 'A1+"x"', result: { error: '#VALUE!' } };
    });
    const { document, problems } = await readImportWorkbook(buffer);
    expect(problems).toEqual([
      {
        sheet: '单位',
        row: 2,
        column: '单位名称',
        rule: 'cellError',
        message: expect.stringContaining('#DIV/0!'),
      },
      {
        sheet: '单位',
        row: 3,
        column: '上级单位编码',
        rule: 'cellError',
        message: expect.stringContaining('#REF!'),
      },
      {
        sheet: '职务',
        row: 2,
        column: '任职日期',
        rule: 'cellError',
        message: expect.stringContaining('#VALUE!'),
      },
    ]);
    // Never as text: an error cell reads as blank.
    expect(document.units[0]?.name).toBe('');
    expect(document.units[1]).not.toHaveProperty('parentCode');
    expect(document.posts[0]?.startDate).toBe('');
  });

  it('reports a row holding nothing but an error value, and ignores errors in extra columns', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => {
      const units = sheet(wb, '单位');
      units.getCell('I2').value = { error: '#N/A' }; // no header: an extra column
      units.getCell('C6').value = { error: '#NAME?' }; // 层级 of an otherwise empty row
    });
    const { document, problems, rowNumbers } = await readImportWorkbook(buffer);
    expect(problems).toEqual([
      {
        sheet: '单位',
        row: 6,
        column: '层级',
        rule: 'cellError',
        message: expect.stringContaining('#NAME?'),
      },
    ]);
    expect(rowNumbers.units).toEqual([2, 3, 4, 6]);
    expect(document.units[3]).toEqual({ code: '', name: '', level: '', type: '', partyOrgType: '' });
  });

  it('keeps a row with blank required cells, with those fields empty, for the validator', async () => {
    const buffer = await brokenWorkbook(smallDocument(), (wb) => {
      sheet(wb, '单位').getCell('C3').value = null;
    });
    const { document, problems } = await readImportWorkbook(buffer);
    expect(problems).toEqual([]);
    expect(document.units[1]).toMatchObject({ code: 'YX-D01', level: '' });
  });
});
