import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type {
  CaseSource,
  CaseStatus,
  ChainLink,
  InvestigationOutcome,
  InvestigationRole,
} from '../common/accountability-vocabulary';
import type { ResponsibilityChainView } from '@dutychain/org-contract';

export interface CaseRow {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  source: CaseSource;
  sourceRef: string | null;
  violationDate: string;
  summary: string;
  status: CaseStatus;
  chain: ResponsibilityChainView | null;
  openedBy: string;
  openedByName: string;
  openedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  version: number;
}

export interface InvestigationRow {
  id: string;
  role: InvestigationRole;
  link: ChainLink;
  personId: string | null;
  personName: string | null;
  postTitle: string | null;
  unitId: string | null;
  unitName: string | null;
  commissionName: string | null;
  proposed: boolean;
  outcome: InvestigationOutcome;
  finding: string | null;
}

export interface CaseDetail extends CaseRow {
  investigations: InvestigationRow[];
  measures: unknown[];
  exemptions: unknown[];
  events: unknown[];
}

const CASE_COLUMNS = `
  c.id, c.unit_id AS "unitId", c.unit_name AS "unitName", c.unit_path AS "unitPath", c.source,
  c.source_ref AS "sourceRef", to_char(c.violation_date, 'YYYY-MM-DD') AS "violationDate", c.summary, c.status,
  c.chain, c.opened_by AS "openedBy", c.opened_by_name AS "openedByName", c.opened_at AS "openedAt",
  c.updated_at AS "updatedAt", c.closed_at AS "closedAt", c.version`;

/** SQL over the case tables of the `accountability` schema. */
@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a case; returns its id, or undefined when a case with the same source key exists. */
  async insertCase(
    manager: EntityManager,
    row: Pick<
      CaseRow,
      | 'id'
      | 'unitId'
      | 'unitName'
      | 'unitPath'
      | 'source'
      | 'sourceRef'
      | 'violationDate'
      | 'summary'
      | 'chain'
      | 'openedBy'
      | 'openedByName'
    > & { sourceKey: string | null },
  ): Promise<string | undefined> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO accountability.accountability_case
         (id, unit_id, unit_name, unit_path, source, source_ref, source_key, violation_date, summary, chain, opened_by, opened_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (source_key) DO NOTHING RETURNING id`,
      [
        row.id,
        row.unitId,
        row.unitName,
        row.unitPath,
        row.source,
        row.sourceRef,
        row.sourceKey,
        row.violationDate,
        row.summary,
        row.chain === null ? null : JSON.stringify(row.chain),
        row.openedBy,
        row.openedByName,
      ],
    );
    return inserted[0]?.id;
  }

  /** Inserts an investigation; returns its id, or undefined when the same one is already there. */
  async insertInvestigation(
    manager: EntityManager,
    caseId: string,
    row: Omit<InvestigationRow, 'id' | 'outcome' | 'finding'>,
  ): Promise<string | undefined> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO accountability.investigation
         (id, case_id, role, link, person_id, person_name, post_title, unit_id, unit_name, commission_name, proposed)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        caseId,
        row.role,
        row.link,
        row.personId,
        row.personName,
        row.postTitle,
        row.unitId,
        row.unitName,
        row.commissionName,
        row.proposed,
      ],
    );
    return inserted[0]?.id;
  }

  async find(id: string): Promise<CaseRow | undefined> {
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT ${CASE_COLUMNS} FROM accountability.accountability_case c WHERE c.id = $1`,
      [id],
    );
    return rows[0];
  }

  async findBySourceKey(
    key: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CaseRow | undefined> {
    const rows: CaseRow[] = await manager.query(
      `SELECT ${CASE_COLUMNS} FROM accountability.accountability_case c WHERE c.source_key = $1`,
      [key],
    );
    return rows[0];
  }

  list(where: string, params: unknown[], limit: number): Promise<CaseRow[]> {
    return this.dataSource.query(
      `SELECT ${CASE_COLUMNS} FROM accountability.accountability_case c WHERE ${where}
       ORDER BY c.opened_at DESC, c.id LIMIT ${limit}`,
      params,
    );
  }

  ofPerson(scope: string, params: unknown[]): Promise<(CaseRow & { roles: string[] })[]> {
    return this.dataSource.query(
      `SELECT ${CASE_COLUMNS}, array_agg(DISTINCT i.role || ':' || i.link) AS roles
       FROM accountability.accountability_case c
       JOIN accountability.investigation i ON i.case_id = c.id AND i.person_id = $1
       WHERE ${scope}
       GROUP BY c.id ORDER BY c.violation_date, c.id`,
      params,
    );
  }

  async detail(found: CaseRow): Promise<CaseDetail> {
    const [investigations, measures, exemptions, events] = await Promise.all([
      this.dataSource.query<InvestigationRow[]>(
        `SELECT id, role, link, person_id AS "personId", person_name AS "personName", post_title AS "postTitle",
                unit_id AS "unitId", unit_name AS "unitName", commission_name AS "commissionName", proposed, outcome, finding
         FROM accountability.investigation WHERE case_id = $1
         ORDER BY array_position(ARRAY['violator','primary','supervisory'], role),
                  array_position(ARRAY['violator','committee','first','dual','commission'], link), created_at, id`,
        [found.id],
      ),
      this.dataSource.query<unknown[]>(
        `SELECT id, investigation_id AS "investigationId", target_kind AS "targetKind", unit_id AS "unitId",
                person_id AS "personId", target_name AS "targetName", form, note, decided_by_name AS "decidedByName",
                created_at AS "createdAt"
         FROM accountability.accountability_measure WHERE case_id = $1 ORDER BY created_at, id`,
        [found.id],
      ),
      this.dataSource.query<unknown[]>(
        `SELECT id, investigation_id AS "investigationId", kind, basis, reasons, recorded_by_name AS "recordedByName",
                created_at AS "createdAt"
         FROM accountability.exemption WHERE case_id = $1 ORDER BY created_at, id`,
        [found.id],
      ),
      this.dataSource.query<unknown[]>(
        `SELECT seq, kind, from_status AS "from", to_status AS "to", by_id AS "byId", by_name AS "byName", note, at
         FROM accountability.case_event WHERE case_id = $1 ORDER BY seq`,
        [found.id],
      ),
    ]);
    return { ...found, investigations, measures, exemptions, events };
  }

  async lastMoveTo(caseId: string, status: CaseStatus): Promise<string | undefined> {
    const rows: { byId: string }[] = await this.dataSource.query(
      `SELECT by_id AS "byId" FROM accountability.case_event WHERE case_id = $1 AND to_status = $2 ORDER BY seq DESC LIMIT 1`,
      [caseId, status],
    );
    return rows[0]?.byId;
  }
}
