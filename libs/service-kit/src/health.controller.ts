import { Controller, Get, HttpStatus, Optional, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@dutychain/auth';
import type { FieldProblem } from '@dutychain/http';
import { ErrorCode, RETRY_AFTER_SECONDS } from '@dutychain/http';
import { OrgDirectorySettings } from './service-settings';

/** How long each readiness check may take; they run side by side, so `/health/ready` answers within it. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

export type DependencyName = 'database' | 'temporal' | 'orgDirectory';

export interface DependencyCheck {
  status: 'up' | 'down';
  latencyMs: number;
  /** Why it is down: the error, or that it did not answer in time. */
  error?: string;
}

export interface ReadinessBody {
  status: 'ok' | 'unavailable';
  checks: Partial<Record<DependencyName, DependencyCheck>>;
}

/** The error shape every service answers with, plus each dependency's check. */
export interface NotReadyBody extends ReadinessBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  errors: FieldProblem[];
}

/**
 * Liveness and readiness for every service. Readiness checks each dependency the service uses (the
 * database always; Temporal and the org directory where the service uses them) side by side, each
 * within HEALTH_CHECK_TIMEOUT_MS, and reports each one: 503 with `Retry-After` when any is down.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly temporal?: Client,
    @Optional() private readonly orgDirectory?: OrgDirectorySettings,
  ) {}

  /** The process is up. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The service can do its job: every dependency it uses answers in time. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessBody | NotReadyBody> {
    const checks: [DependencyName, (deadline: number) => Promise<unknown>][] = [
      ['database', () => this.dataSource.query('SELECT 1')],
    ];
    const temporal = this.temporal;
    if (temporal)
      checks.push([
        'temporal',
        (deadline) =>
          temporal.connection.withDeadline(deadline, () => temporal.workflowService.getSystemInfo({})),
      ]);
    const org = this.orgDirectory;
    if (org)
      checks.push([
        'orgDirectory',
        async (deadline) => {
          const answer = await fetch(`${org.orgUrl}/health/ready`, {
            signal: AbortSignal.timeout(Math.max(deadline - Date.now(), 1)),
          });
          await answer.arrayBuffer();
          if (!answer.ok) throw new Error(`the org directory answered ${answer.status}`);
        },
      ]);
    const results = await Promise.all(
      checks.map(async ([name, check]) => [name, await timedCheck(check)] as const),
    );
    const body: ReadinessBody = {
      status: results.every(([, result]) => result.status === 'up') ? 'ok' : 'unavailable',
      checks: Object.fromEntries(results),
    };
    if (body.status === 'ok') return body;
    const errors = results
      .filter(([, result]) => result.status === 'down')
      .map(([name, result]) => ({ field: name, rule: 'ready', message: result.error ?? 'down' }));
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: ErrorCode.Unavailable,
      message: `not ready: ${errors.map((e) => `${e.field} (${e.message})`).join('; ')}`,
      errors,
      ...body,
    };
  }
}

/** Runs one check against the clock: down when it fails or has not answered by the timeout. */
async function timedCheck(check: (deadline: number) => Promise<unknown>): Promise<DependencyCheck> {
  const started = Date.now();
  const deadline = started + HEALTH_CHECK_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), HEALTH_CHECK_TIMEOUT_MS);
  });
  const running = check(deadline).then(
    () => ({ status: 'up' }) as const,
    (error: unknown) =>
      ({ status: 'down', error: error instanceof Error ? error.message : String(error) }) as const,
  );
  const outcome = await Promise.race([running, late]);
  clearTimeout(timer);
  const latencyMs = Date.now() - started;
  if (outcome === 'late')
    return { status: 'down', latencyMs, error: `no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms` };
  return outcome.status === 'up'
    ? { status: 'up', latencyMs }
    : { status: 'down', latencyMs, error: outcome.error };
}
