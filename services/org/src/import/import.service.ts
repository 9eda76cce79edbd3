import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { canRun, isGlobal } from '@dutychain/auth';
import { isUUID } from 'class-validator';
import type { PostKind } from '@dutychain/domain';
import { DomainError, ErrorCode } from '@dutychain/http';
import { Commission } from '../commissions/commission.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { OrgUnitRepository } from '../org-units/org-unit.repository';
import { Person } from '../people/person.entity';
import type { ImportDocument, ImportProblem } from '@dutychain/org-contract';
import { IMPORT_SECTIONS } from '@dutychain/org-contract';
import { ImportJob } from './import-job.entity';
import { constraintRuleOf } from './import-constraints';
import type { ExistingDirectory, Locate, StoredPost } from './import-validator';
import { acceptableCode, locateInJson, locateInWorkbook, validateImport } from './import-validator';
import { ImportWriter } from './import-writer';
import { readImportWorkbook } from './workbook-codec';

export type ImportJobView = Omit<ImportJob, 'createdBy'>;

/**
 * Bulk import of a whole tree as a job: validate every cell, then write all-or-nothing, reporting
 * progress on the job row while it runs. A malformed file changes nothing.
 */
@Injectable()
export class ImportService {
  private readonly logger = new Logger('Import');
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ImportWriter,
    private readonly units: OrgUnitRepository,
  ) {}

  async startJson(caller: Caller, body: unknown): Promise<ImportJobView> {
    const document = normaliseDocument(body);
    return this.start(caller, 'json', null, () =>
      Promise.resolve({ document, locate: locateInJson, problems: [] }),
    );
  }

  async startWorkbook(caller: Caller, fileName: string | null, buffer: Buffer): Promise<ImportJobView> {
    return this.start(caller, 'xlsx', fileName, async () => {
      const read = await readImportWorkbook(buffer);
      return { document: read.document, locate: locateInWorkbook(read.rowNumbers), problems: read.problems };
    });
  }

  /**
   * A job is readable by whoever started it, and by admins who run the part of the tree it was
   * started for (a job of the global key only by global admins): its problems name rows of that part.
   */
  async get(caller: Caller, id: string): Promise<ImportJobView> {
    const job = await this.dataSource.getRepository(ImportJob).findOneBy({ id });
    if (!job || !(job.createdBy === caller.id || (await this.adminOfJobScope(caller, job))))
      throw DomainError.notFound('import job', id);
    return view(job);
  }

  private async adminOfJobScope(caller: Caller, job: ImportJob): Promise<boolean> {
    if (!caller.roles.includes('admin')) return false;
    if (isGlobal(caller)) return true;
    const scopeUnit = isUUID(job.scopeUnitId) ? await this.units.findById(job.scopeUnitId) : null;
    return scopeUnit !== null && canRun(caller, scopeUnit.path);
  }

  /** Waits for a job to finish (used with ?wait=true and by the demo loader). */
  async waitFor(caller: Caller, id: string, timeoutMs = 600_000): Promise<ImportJobView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.get(caller, id);
      if (job.status === 'succeeded' || job.status === 'failed' || Date.now() > deadline) return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Lets shutdown and tests wait for background jobs. */
  async drain(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async start(
    caller: Caller,
    source: 'json' | 'xlsx',
    fileName: string | null,
    read: () => Promise<{ document: ImportDocument; locate: Locate; problems: ImportProblem[] }>,
  ): Promise<ImportJobView> {
    const jobs = this.dataSource.getRepository(ImportJob);
    const job = await jobs.save(
      jobs.create({
        status: 'validating',
        source,
        fileName,
        createdBy: caller.id,
        scopeUnitId: caller.unitId,
        problems: [],
      }),
    );
    const run = this.run(caller, job.id, read)
      .catch(async (error: unknown) => {
        this.logger.error({ msg: 'import failed unexpectedly', jobId: job.id, error: String(error) });
        await this.finish(job.id, 'failed', [
          {
            sheet: '',
            row: 0,
            column: '',
            rule: 'internal',
            message: 'the import failed; nothing was changed',
          },
        ]);
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return view(job);
  }

  private async run(
    caller: Caller,
    jobId: string,
    read: () => Promise<{ document: ImportDocument; locate: Locate; problems: ImportProblem[] }>,
  ): Promise<void> {
    const { document, locate, problems: readProblems } = await read();
    // A file that could not be read as a whole is reported as such; cells holding errors are
    // reported along with everything the validator finds in the rest.
    if (readProblems.some((problem) => problem.rule !== 'cellError'))
      return this.finish(jobId, 'failed', readProblems);
    const existing = await this.loadExisting(document);
    const result = validateImport(document, existing, caller, locate);
    if (!result.ok || readProblems.length > 0) {
      const errorCells = new Set(readProblems.map(cellKey));
      const problems = [
        ...readProblems,
        ...(result.ok ? [] : result.problems.filter((problem) => !errorCells.has(cellKey(problem)))),
      ];
      return this.finish(jobId, 'failed', problems);
    }
    const jobs = this.dataSource.getRepository(ImportJob);
    await jobs.update({ id: jobId }, { status: 'importing', totalRows: result.rows });
    let summary: Awaited<ReturnType<ImportWriter['write']>>;
    try {
      summary = await this.writer.write(result.plan, existing, caller, jobId, async (written) => {
        await jobs.update({ id: jobId }, { processedRows: written });
      });
    } catch (error: unknown) {
      // Last line of defence: the transaction rolled back; name the rule the database enforced.
      const violated = constraintRuleOf(error);
      if (!violated) throw error;
      this.logger.warn({ msg: 'import refused by a database constraint', jobId, ...violated });
      return this.finish(jobId, 'failed', [
        {
          ...locate(violated.section, 0, violated.field),
          row: 0,
          rule: violated.rule,
          message:
            `the database refused the import (${violated.constraint}), probably because the directory ` +
            `changed while it ran; nothing was changed: import the file again to see which rows`,
        },
      ]);
    }
    await jobs.update(
      { id: jobId },
      { status: 'succeeded', processedRows: result.rows, summary, finishedAt: new Date() },
    );
  }

  private async finish(jobId: string, status: 'failed', problems: ImportProblem[]): Promise<void> {
    await this.dataSource
      .getRepository(ImportJob)
      .update({ id: jobId }, { status, problems, finishedAt: new Date() });
  }

  /** Only the stored records the file can reference: codes it mentions. */
  private async loadExisting(document: ImportDocument): Promise<ExistingDirectory> {
    const unitCodes = new Set<string>();
    const personCodes = new Set<string>();
    const commissionCodes = new Set<string>();
    // Only codes the validator will accept: it reports the others by cell, and a NUL would make
    // PostgreSQL refuse the whole query.
    const add = (set: Set<string>, value: unknown): void => {
      const code = acceptableCode(value);
      if (code !== undefined) set.add(code);
    };
    for (const row of document.units)
      [row.code, row.parentCode, row.guidingOrgCode].forEach((code) => add(unitCodes, code));
    for (const row of document.units) add(commissionCodes, row.commissionCode);
    for (const row of document.commissions) {
      add(commissionCodes, row.code);
      add(unitCodes, row.hostUnitCode);
    }
    for (const row of document.people) {
      add(personCodes, row.code);
      add(unitCodes, row.unitCode);
    }
    for (const row of document.posts) {
      add(personCodes, row.personCode);
      add(unitCodes, row.unitCode);
    }
    for (const row of document.supervisions)
      [row.unitCode, row.supervisedUnitCode].forEach((code) => add(unitCodes, code));
    for (const row of document.supervisions) add(personCodes, row.personCode);
    for (const row of document.oversightPairs)
      [row.overseerCode, row.headCode].forEach((code) => add(personCodes, code));

    const units = await this.dataSource
      .getRepository(OrgUnit)
      .createQueryBuilder('unit')
      .where('unit.code = ANY(:codes)', { codes: [...unitCodes] })
      .getMany();
    const people = await this.dataSource
      .getRepository(Person)
      .createQueryBuilder('person')
      .where('person.code = ANY(:codes)', { codes: [...personCodes] })
      .getMany();
    const commissions = await this.dataSource
      .getRepository(Commission)
      .createQueryBuilder('commission')
      .where('commission.code = ANY(:codes)', { codes: [...commissionCodes] })
      .getMany();
    const commissionHostPaths = new Map<string, string>();
    for (const commission of commissions) {
      const host = await this.units.findById(commission.hostUnitId);
      if (host) commissionHostPaths.set(commission.code, host.path);
    }
    return {
      units: new Map(units.map((unit) => [unit.code, { id: unit.id, path: unit.path, depth: unit.depth }])),
      people: new Map(people.map((person) => [person.code, person.id])),
      commissions: new Map(commissions.map((commission) => [commission.code, commission.id])),
      commissionHostPaths,
      posts: await this.loadStoredPosts(units, people),
      personUnitPaths: await this.loadUnitPaths(people),
    };
  }

  /** The units a stored person belongs to, for scope: the registering unit and those of every post. */
  private async loadUnitPaths(people: Pick<Person, 'id' | 'code'>[]): Promise<Map<string, string[]>> {
    const paths = new Map<string, string[]>();
    if (people.length === 0) return paths;
    const codes = new Map(people.map((person) => [person.id, person.code]));
    const rows = await this.dataSource.query<{ personId: string; path: string }[]>(
      `SELECT post.person_id AS "personId", unit.path
         FROM org.post post JOIN org.org_unit unit ON unit.id = post.unit_id
        WHERE post.person_id = ANY($1::uuid[])
        UNION
       SELECT person.id, unit.path
         FROM org.person person JOIN org.org_unit unit ON unit.id = person.registered_unit_id
        WHERE person.id = ANY($1::uuid[])`,
      [[...codes.keys()]],
    );
    for (const row of rows) {
      const code = codes.get(row.personId);
      if (code !== undefined) paths.set(code, [...(paths.get(code) ?? []), row.path]);
    }
    return paths;
  }

  /**
   * The stored posts rows of the file can collide with or rely on: the secretaries and commission
   * secretaries of the stored units it references, and the posts the stored people it references
   * hold on those units. Units and people new in the file have no stored posts.
   */
  private async loadStoredPosts(
    units: Pick<OrgUnit, 'id' | 'code'>[],
    people: Pick<Person, 'id' | 'code'>[],
  ): Promise<StoredPost[]> {
    if (units.length === 0) return [];
    const unitCodes = new Map(units.map((unit) => [unit.id, unit.code]));
    const personCodes = new Map(people.map((person) => [person.id, person.code]));
    const rows = await this.dataSource.query<
      { personId: string; unitId: string; kind: PostKind; startDate: string; endDate: string | null }[]
    >(
      `SELECT post.person_id AS "personId", post.unit_id AS "unitId", post.kind,
              to_char(post.start_date, 'YYYY-MM-DD') AS "startDate", to_char(post.end_date, 'YYYY-MM-DD') AS "endDate"
         FROM org.post post
        WHERE post.unit_id = ANY($1::uuid[])
          AND (post.kind IN ('secretary', 'commissionSecretary') OR post.person_id = ANY($2::uuid[]))`,
      [[...unitCodes.keys()], [...personCodes.keys()]],
    );
    return rows.map((row) => ({
      personCode: personCodes.get(row.personId),
      unitCode: unitCodes.get(row.unitId) ?? row.unitId,
      kind: row.kind,
      startDate: row.startDate,
      endDate: row.endDate,
    }));
  }
}

/** Checks the document's outer shape; cells are checked later, all at once. */
function normaliseDocument(body: unknown): ImportDocument {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw DomainError.invalid(
      'body',
      'object',
      'the import must be a JSON object with the sections ' + IMPORT_SECTIONS.join(', '),
    );
  }
  const record = body as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => !(IMPORT_SECTIONS as string[]).includes(key));
  if (unknownKeys.length > 0) {
    throw DomainError.invalid(
      unknownKeys[0] ?? '',
      'whitelist',
      `unknown section(s): ${unknownKeys.join(', ')}`,
    );
  }
  const document = {} as Record<string, unknown[]>;
  for (const section of IMPORT_SECTIONS) {
    const rows = record[section] ?? [];
    if (
      !Array.isArray(rows) ||
      rows.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))
    ) {
      throw DomainError.invalid(section, 'arrayOfObjects', `${section} must be an array of row objects`);
    }
    document[section] = rows;
  }
  if ((document.units ?? []).length === 0 && (document.people ?? []).length === 0) {
    throw new DomainError(ErrorCode.ImportInvalid, 'the import has no units and no people', [
      { field: 'units', rule: 'notEmpty', message: 'the import has no units and no people' },
    ]);
  }
  return document as unknown as ImportDocument;
}

function cellKey(problem: ImportProblem): string {
  return `${problem.sheet}|${problem.row}|${problem.column}`;
}

function view(job: ImportJob): ImportJobView {
  const { createdBy: _createdBy, ...rest } = job;
  return rest;
}
