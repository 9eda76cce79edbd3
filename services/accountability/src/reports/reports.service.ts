import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { assertSees, subtreePattern, visiblePathCondition } from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import type { MonthlyReportRequest, MonthlyReportSummary } from '@dutychain/temporal';
import { AccountabilityConfig } from '../accountability.config';
import { FORM_LABELS } from '../common/accountability-vocabulary';
import { OrgDirectoryClient } from '@dutychain/service-kit';

/** One unit's line in the report (internal: every unit's figures, 双通报's second half). */
export interface UnitFigures {
  unitId: string;
  unitName: string;
  noticesIssued: number;
  repliesOnTime: number;
  repliesLate: number;
  overdueMarks: number;
  casesOpened: number;
  casesClosed: number;
  peopleHeldAccountable: number;
  organisationsHeldAccountable: number;
}

/** A typical case exposed in the dual bulletin (典型案例通报曝光). */
export interface TypicalCase {
  caseId: string;
  unitName: string;
  summary: string;
  violationDate: string;
  status: string;
  measures: { targetName: string; form: string; label: string }[];
}

export interface MonthlyReport {
  id: string;
  unitId: string;
  unitName: string;
  period: string;
  workflowId: string;
  figures: UnitFigures[];
  typicalCases: TypicalCase[];
  totals: Omit<UnitFigures, 'unitId' | 'unitName'> & { units: number };
  generatedAt: Date;
}

const FIGURE_KEYS = [
  'noticesIssued',
  'repliesOnTime',
  'repliesLate',
  'overdueMarks',
  'casesOpened',
  'casesClosed',
  'peopleHeldAccountable',
  'organisationsHeldAccountable',
] as const;

/** 问责月报告 and 双通报: per-unit figures and typical cases of a subtree for a month. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgDirectoryClient,
    private readonly config: AccountabilityConfig,
  ) {}

  /** The month's bounds in the deployment's local time, as UTC instants. */
  private bounds(period: string): [string, string] {
    const [y, m] = period.split('-').map(Number) as [number, number];
    const offset = this.config.workingDays.utcOffsetMinutes * 60_000;
    const from = Date.UTC(y, m - 1, 1) - offset;
    const to = Date.UTC(y, m, 1) - offset;
    return [new Date(from).toISOString(), new Date(to).toISOString()];
  }

  async generate(request: MonthlyReportRequest): Promise<MonthlyReportSummary> {
    const root = await this.org.unit(request.unitId);
    const prefix = subtreePattern(root.path);
    const [from, to] = this.bounds(request.period);
    const params = [prefix, from, to];
    const q = <T>(sql: string) => this.dataSource.query<T[]>(sql, params);
    const counts = await Promise.all([
      q<{ unitId: string; unitName: string; n: string }>(
        `SELECT unit_id AS "unitId", unit_name AS "unitName", count(*) AS n FROM accountability.notice
         WHERE unit_path LIKE $1 AND issued_at >= $2 AND issued_at < $3 GROUP BY 1, 2`,
      ),
      q<{ unitId: string; unitName: string; n: string }>(
        `SELECT n.unit_id AS "unitId", n.unit_name AS "unitName", count(*) AS n FROM accountability.notice_reply r
         JOIN accountability.notice n ON n.id = r.notice_id
         WHERE n.unit_path LIKE $1 AND r.received_at >= $2 AND r.received_at < $3 AND r.on_time GROUP BY 1, 2`,
      ),
      q<{ unitId: string; unitName: string; n: string }>(
        `SELECT n.unit_id AS "unitId", n.unit_name AS "unitName", count(*) AS n FROM accountability.notice_reply r
         JOIN accountability.notice n ON n.id = r.notice_id
         WHERE n.unit_path LIKE $1 AND r.received_at >= $2 AND r.received_at < $3 AND NOT r.on_time GROUP BY 1, 2`,
      ),
      q<{ unitId: string; unitName: string; n: string }>(
        `SELECT m.unit_id AS "unitId", n.unit_name AS "unitName", count(*) AS n FROM accountability.overdue_mark m
         JOIN accountability.notice n ON n.id = m.notice_id
         WHERE m.unit_path LIKE $1 AND m.created_at >= $2 AND m.created_at < $3 GROUP BY 1, 2`,
      ),
      q<{ unitId: string; unitName: string; n: string }>(
        `SELECT unit_id AS "unitId", unit_name AS "unitName", count(*) AS n FROM accountability.accountability_case
         WHERE unit_path LIKE $1 AND opened_at >= $2 AND opened_at < $3 GROUP BY 1, 2`,
      ),
      q<{ unitId: string; unitName: string; n: string }>(
        `SELECT unit_id AS "unitId", unit_name AS "unitName", count(*) AS n FROM accountability.accountability_case
         WHERE unit_path LIKE $1 AND closed_at >= $2 AND closed_at < $3 AND status = 'closed' GROUP BY 1, 2`,
      ),
      q<{ unitId: string; unitName: string; n: string }>(
        `SELECT c.unit_id AS "unitId", c.unit_name AS "unitName", count(DISTINCT m.person_id) AS n
         FROM accountability.accountability_measure m JOIN accountability.accountability_case c ON c.id = m.case_id
         WHERE c.unit_path LIKE $1 AND m.created_at >= $2 AND m.created_at < $3 AND m.target_kind = 'person' GROUP BY 1, 2`,
      ),
      q<{ unitId: string; unitName: string; n: string }>(
        `SELECT c.unit_id AS "unitId", c.unit_name AS "unitName", count(DISTINCT m.unit_id) AS n
         FROM accountability.accountability_measure m JOIN accountability.accountability_case c ON c.id = m.case_id
         WHERE c.unit_path LIKE $1 AND m.created_at >= $2 AND m.created_at < $3 AND m.target_kind = 'organisation'
         GROUP BY 1, 2`,
      ),
    ]);
    const byUnit = new Map<string, UnitFigures>();
    counts.forEach((rows, i) => {
      const key = FIGURE_KEYS[i];
      for (const row of rows) {
        const figures =
          byUnit.get(row.unitId) ??
          ({
            unitId: row.unitId,
            unitName: row.unitName,
            ...Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])),
          } as UnitFigures);
        figures[key] = Number(row.n);
        byUnit.set(row.unitId, figures);
      }
    });
    const figures = [...byUnit.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'));
    const typical = await this.dataSource.query<
      {
        caseId: string;
        unitName: string;
        summary: string;
        violationDate: string;
        status: string;
        measures: { targetName: string; form: string }[];
      }[]
    >(
      `SELECT c.id AS "caseId", c.unit_name AS "unitName", c.summary, to_char(c.violation_date, 'YYYY-MM-DD') AS "violationDate",
              c.status, json_agg(json_build_object('targetName', m.target_name, 'form', m.form) ORDER BY m.created_at) AS measures
       FROM accountability.accountability_case c JOIN accountability.accountability_measure m ON m.case_id = c.id
       WHERE c.unit_path LIKE $1 AND c.status IN ('approved', 'closed')
         AND ((c.closed_at >= $2 AND c.closed_at < $3) OR (c.updated_at >= $2 AND c.updated_at < $3))
       GROUP BY c.id ORDER BY count(m.id) DESC, c.violation_date LIMIT 5`,
      params,
    );
    const typicalCases: TypicalCase[] = typical.map((t) => ({
      ...t,
      measures: t.measures.map((m) => ({
        ...m,
        label: FORM_LABELS[m.form as keyof typeof FORM_LABELS] ?? m.form,
      })),
    }));
    const totals = {
      units: figures.length,
      ...(Object.fromEntries(
        FIGURE_KEYS.map((k) => [k, figures.reduce((sum, f) => sum + f[k], 0)]),
      ) as Record<(typeof FIGURE_KEYS)[number], number>),
    };
    const saved = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO accountability.monthly_report (id, unit_id, unit_name, unit_path, period, workflow_id, figures, typical_cases, totals)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (unit_id, period) DO UPDATE SET workflow_id = EXCLUDED.workflow_id, figures = EXCLUDED.figures,
         typical_cases = EXCLUDED.typical_cases, totals = EXCLUDED.totals, generated_at = now()
       RETURNING id`,
      [
        randomUUID(),
        root.id,
        root.name,
        root.path,
        request.period,
        request.workflowId,
        JSON.stringify(figures),
        JSON.stringify(typicalCases),
        JSON.stringify(totals),
      ],
    );
    return {
      reportId: saved[0]?.id ?? '',
      unitId: root.id,
      period: request.period,
      units: figures.length,
      casesOpened: totals.casesOpened,
      typicalCases: typicalCases.length,
    };
  }

  async list(caller: Caller, unitId?: string): Promise<Omit<MonthlyReport, 'figures' | 'typicalCases'>[]> {
    const params: unknown[] = [];
    const clauses = [visiblePathCondition(caller, 'unit_path', params)];
    if (unitId) {
      params.push(unitId);
      clauses.push(`unit_id = $${params.length}`);
    }
    return this.dataSource.query(
      `SELECT id, unit_id AS "unitId", unit_name AS "unitName", period, workflow_id AS "workflowId", totals,
              generated_at AS "generatedAt"
       FROM accountability.monthly_report WHERE ${clauses.join(' AND ')} ORDER BY period DESC, unit_name`,
      params,
    );
  }

  async get(caller: Caller, id: string): Promise<MonthlyReport> {
    const rows = await this.dataSource.query<(MonthlyReport & { unitPath: string })[]>(
      `SELECT id, unit_id AS "unitId", unit_name AS "unitName", unit_path AS "unitPath", period,
              workflow_id AS "workflowId", figures, typical_cases AS "typicalCases", totals, generated_at AS "generatedAt"
       FROM accountability.monthly_report WHERE id = $1`,
      [id],
    );
    const report = rows[0];
    if (!report) throw DomainError.notFound('monthly report', id);
    assertSees(caller, report.unitPath);
    const { unitPath: _path, ...rest } = report;
    return rest;
  }

  /** The dual bulletin as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese right). */
  toCsv(report: MonthlyReport): string {
    const cell = (value: string | number) => {
      const text = String(value);
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const lines = [
      [`${report.unitName} ${report.period} 问责月报告（各单位情况，内部通报）`],
      ['单位', '抄告件数', '按期回告', '逾期回告', '逾期标记', '问责立案', '办结', '问责人数', '问责组织数'],
      ...report.figures.map((f) => [
        f.unitName,
        f.noticesIssued,
        f.repliesOnTime,
        f.repliesLate,
        f.overdueMarks,
        f.casesOpened,
        f.casesClosed,
        f.peopleHeldAccountable,
        f.organisationsHeldAccountable,
      ]),
      [],
      ['典型案例（通报曝光）'],
      ['单位', '违规日期', '案情', '问责方式'],
      ...report.typicalCases.map((t) => [
        t.unitName,
        t.violationDate,
        t.summary,
        t.measures.map((m) => `${m.targetName}：${m.label}`).join('；'),
      ]),
    ];
    return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
  }
}
