import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ApiKey } from './api-key.entity';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  findActive(id: string): Promise<ApiKey | null> {
    return this.dataSource.getRepository(ApiKey).findOneBy({ id, revokedAt: IsNull() });
  }

  findById(id: string): Promise<ApiKey | null> {
    return this.dataSource.getRepository(ApiKey).findOneBy({ id });
  }

  async insert(manager: EntityManager, key: Omit<ApiKey, 'createdAt' | 'revokedAt'>): Promise<void> {
    await manager.getRepository(ApiKey).insert(key);
  }

  async revoke(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(ApiKey).update({ id }, { revokedAt: new Date() });
  }
}
