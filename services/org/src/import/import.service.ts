import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { DomainError, ErrorCode } from '@dutychain/http';
import { Commission } from '../commissions/commission.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { Person } from '../people/person.entity';
import type { ImportDocument, ImportProblem } from './import-document';
import { IMPORT_SECTIONS } from './import-document';
import { ImportJob } from './import-job.entity';
import type { ExistingDirectory, Locate } from './import-validator';
import { locateInJson, locateInWorkbook, validateImport } from './import-validator';
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

  async get(caller: Caller, id: string): Promise<ImportJobView> {
    const job = await this.dataSource.getRepository(ImportJob).findOneBy({ id });
    if (!job || (job.createdBy !== caller.id && !caller.roles.includes('admin')))
      throw DomainError.notFound('import job', id);
    return view(job);
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
    const { document, locate, problems } = await read();
    if (problems.length > 0) return this.finish(jobId, 'failed', problems);
    const existing = await this.loadExisting(document);
    const result = validateImport(document, existing, caller, locate);
    if (!result.ok) return this.finish(jobId, 'failed', result.problems);
    const jobs = this.dataSource.getRepository(ImportJob);
    await jobs.update({ id: jobId }, { status: 'importing', totalRows: result.rows });
    const summary = await this.writer.write(result.plan, existing, caller, jobId, async (written) => {
      await jobs.update({ id: jobId }, { processedRows: written });
    });
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
    const add = (set: Set<string>, value: unknown): void => {
      if (typeof value === 'string' && value.trim()) set.add(value.trim());
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
    return {
      units: new Map(units.map((unit) => [unit.code, { id: unit.id, path: unit.path, depth: unit.depth }])),
      people: new Map(people.map((person) => [person.code, person.id])),
      commissions: new Map(commissions.map((commission) => [commission.code, commission.id])),
    };
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
    throw new DomainError(
      ErrorCode.ImportInvalid,
      HttpStatus.BAD_REQUEST,
      'the import has no units and no people',
    );
  }
  return document as unknown as ImportDocument;
}

function view(job: ImportJob): ImportJobView {
  const { createdBy: _createdBy, ...rest } = job;
  return rest;
}
