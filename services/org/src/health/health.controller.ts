import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '@dutychain/auth';
import { DomainError, ErrorCode } from '@dutychain/http';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** The process is up. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The service can do its job: the database answers. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new DomainError(ErrorCode.Internal, HttpStatus.SERVICE_UNAVAILABLE, 'database is not reachable');
    }
    return { status: 'ok' };
  }
}
