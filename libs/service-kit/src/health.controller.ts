import { Controller, Get, HttpStatus, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Public } from '@dutychain/auth';
import { DomainError, ErrorCode } from '@dutychain/http';

/** Liveness and readiness for every service; readiness includes Temporal where the service uses it. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly temporal?: Client,
  ) {}

  /** The process is up. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The service can do its job: the database (and Temporal, if used) answer. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
      if (this.temporal) await this.temporal.workflowService.getSystemInfo({});
    } catch {
      throw new DomainError(
        ErrorCode.Internal,
        HttpStatus.SERVICE_UNAVAILABLE,
        this.temporal ? 'database or Temporal is not reachable' : 'database is not reachable',
      );
    }
    return { status: 'ok' };
  }
}
