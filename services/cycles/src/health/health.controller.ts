import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Public } from '@dutychain/auth';
import { DomainError, ErrorCode } from '@dutychain/http';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when both the database and the Temporal frontend answer. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
      await this.client.workflowService.getSystemInfo({});
    } catch {
      throw new DomainError(
        ErrorCode.Internal,
        HttpStatus.SERVICE_UNAVAILABLE,
        'database or Temporal is not reachable',
      );
    }
    return { status: 'ok' };
  }
}
