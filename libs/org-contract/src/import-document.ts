/**
 * The org directory's import contract (POST /imports, POST /imports/xlsx): the shape of a bulk import
 * of a whole org tree, as JSON or as an Excel workbook. The service, its tests, the demo and the
 * benchmarks all write documents of this shape.
 * Rows reference each other by code (unit code, person code) so a file can be written by hand.
 * Enumerations may be given as code names ('secretary') or Chinese labels ('书记').
 */
export interface UnitRow {
  code: string;
  name: string;
  level: string;
  type: string;
  partyOrgType: string;
  /** The leading org (parent in the tree); empty only for the root of the import. */
  parentCode?: string;
  /** Optional guiding org for dual management (垂直管理/属地管理). */
  guidingOrgCode?: string;
  /** Code of the commission or dispatched discipline group that covers this unit. */
  commissionCode?: string;
}

export interface CommissionRow {
  code: string;
  name: string;
  kind: string;
  /** The unit whose committee the commission belongs to, or that hosts the dispatched group. */
  hostUnitCode: string;
}

export interface PersonRow {
  code: string;
  name: string;
  gender?: string;
  /**
   * The registering unit (登记单位). When empty: the unit of the person's earliest post in the file,
   * else the importing caller's own unit.
   */
  unitCode?: string;
}

export interface PostRow {
  personCode: string;
  unitCode: string;
  kind: string;
  title?: string;
  startDate: string;
  endDate?: string;
}

export interface SupervisionRow {
  personCode: string;
  /** The unit on whose team the supervising member sits. */
  unitCode: string;
  supervisedUnitCode: string;
  area?: string;
  startDate: string;
  endDate?: string;
}

export interface OversightPairRow {
  overseerCode: string;
  headCode: string;
  startDate: string;
  endDate?: string;
}

export interface ImportDocument {
  units: UnitRow[];
  commissions: CommissionRow[];
  people: PersonRow[];
  posts: PostRow[];
  supervisions: SupervisionRow[];
  oversightPairs: OversightPairRow[];
}

export type ImportSection = keyof ImportDocument;

/** Where a problem is: for workbooks the sheet name, 1-based row and column header; for JSON the section, 1-based index and field. */
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  rule: string;
  message: string;
}

/** Sheet names and column headers of the Excel template, in document order. */
export const WORKBOOK_LAYOUT: Record<ImportSection, { sheet: string; columns: Record<string, string> }> = {
  units: {
    sheet: '单位',
    columns: {
      code: '单位编码',
      name: '单位名称',
      level: '层级',
      type: '类型',
      partyOrgType: '党组织类型',
      parentCode: '上级单位编码',
      guidingOrgCode: '指导单位编码',
      commissionCode: '监督机构编码',
    },
  },
  commissions: {
    sheet: '纪检机构',
    columns: { code: '机构编码', name: '机构名称', kind: '机构类型', hostUnitCode: '所在单位编码' },
  },
  people: {
    sheet: '人员',
    columns: { code: '人员编码', name: '姓名', gender: '性别', unitCode: '登记单位编码' },
  },
  posts: {
    sheet: '职务',
    columns: {
      personCode: '人员编码',
      unitCode: '单位编码',
      kind: '职务类别',
      title: '职务名称',
      startDate: '任职日期',
      endDate: '离任日期',
    },
  },
  supervisions: {
    sheet: '分管',
    columns: {
      personCode: '人员编码',
      unitCode: '所在单位编码',
      supervisedUnitCode: '分管单位编码',
      area: '分管领域',
      startDate: '开始日期',
      endDate: '结束日期',
    },
  },
  oversightPairs: {
    sheet: '主管主官',
    columns: {
      overseerCode: '主管领导编码',
      headCode: '主官编码',
      startDate: '开始日期',
      endDate: '结束日期',
    },
  },
};

export const IMPORT_SECTIONS = Object.keys(WORKBOOK_LAYOUT) as ImportSection[];

export function emptyImportDocument(): ImportDocument {
  return { units: [], commissions: [], people: [], posts: [], supervisions: [], oversightPairs: [] };
}
