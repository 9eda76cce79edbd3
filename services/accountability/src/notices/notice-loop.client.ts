import { HttpStatus, Injectable } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  ActivityFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { COPY_NOTICE_WORKFLOW_TYPE, copyNoticeStartOptions, copyNoticeStateQuery } from '@dutychain/temporal';
import type { CopyNoticeInput, CopyNoticeState } from '@dutychain/temporal';
import { DomainError, ErrorCode } from '@dutychain/http';
import { AccountabilityConfig } from '../accountability.config';

/** The notice's copy-notice workflow: started once, steered by updates whose refusals become 409s. */
@Injectable()
export class NoticeLoopClient {
  constructor(
    private readonly client: Client,
    private readonly config: AccountabilityConfig,
  ) {}

  async start(input: CopyNoticeInput): Promise<void> {
    try {
      await this.client.workflow.start(
        COPY_NOTICE_WORKFLOW_TYPE,
        copyNoticeStartOptions(input, this.config.workflowTaskQueue),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  state(workflowId: string): Promise<CopyNoticeState> {
    return this.client.workflow.getHandle(workflowId).query(copyNoticeStateQuery);
  }

  async update<Ret, Arg>(workflowId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
    try {
      return await this.client.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        if (error.cause instanceof ActivityFailure)
          throw new DomainError(
            ErrorCode.Internal,
            HttpStatus.SERVICE_UNAVAILABLE,
            'the step could not be stored just now; nothing changed, try again',
          );
        const reason = error.cause instanceof Error ? error.cause.message : error.message;
        throw DomainError.conflict('notice', 'refusedByLoop', reason);
      }
      if (error instanceof WorkflowNotFoundError || /already completed/i.test(String(error)))
        throw DomainError.conflict(
          'notice',
          'closed',
          'the notice is closed: it takes no more replies or decisions',
        );
      throw error;
    }
  }
}
