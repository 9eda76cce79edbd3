import { DomainError } from '@dutychain/http';
import type { BulkActionDto } from './cycle.dto';
import { NARROWING_CRITERIA } from './cycle.dto';

/**
 * An ops action must not reach every cycle by accident: cancel and retry need a narrowing criterion,
 * or `allInScope: true` with an empty filter to say that every cycle in the caller's part is meant.
 */
export function assertBulkTargetsChosen(dto: BulkActionDto): void {
  const criteria = NARROWING_CRITERIA.filter((criterion) => dto.filter[criterion] !== undefined);
  if (dto.action === 'retry' && dto.filter.running === true) {
    throw DomainError.invalid(
      'filter.running',
      'notWithRetry',
      'retry only acts on failed, cancelled, terminated or timed-out cycles; leave running out',
    );
  }
  if (dto.allInScope === true && criteria.length > 0) {
    throw DomainError.invalid(
      'allInScope',
      'onlyWithEmptyFilter',
      `allInScope means every cycle in your part of the org tree; it cannot go with ${criteria.join(', ')}`,
    );
  }
  if (dto.action !== 'acknowledgeWarning' && criteria.length === 0 && dto.allInScope !== true) {
    throw DomainError.invalid(
      'filter',
      'notEmpty',
      `${dto.action} needs at least one of ${NARROWING_CRITERIA.join(', ')} in filter, ` +
        'or allInScope: true to act on every cycle in your part of the org tree',
    );
  }
}
