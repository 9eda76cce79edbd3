import { Injectable } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  ActivityFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
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

  /**
   * Starts the loop again after its last run ended without completing (failed, cancelled,
   * terminated, timed out): the one reuse Temporal allows for a notice's workflow id. False when
   * the id may not be reused (the run completed, or another start won).
   */
  async restart(input: CopyNoticeInput): Promise<boolean> {
    try {
      await this.client.workflow.start(COPY_NOTICE_WORKFLOW_TYPE, {
        ...copyNoticeStartOptions(input, this.config.workflowTaskQueue),
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }

  /** The status of the loop's latest run (RUNNING, COMPLETED, FAILED, …); undefined when it never started. */
  async status(workflowId: string): Promise<string | undefined> {
    try {
      return (await this.client.workflow.getHandle(workflowId).describe()).status.name;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  /** The input the loop's latest run was started with; undefined when it never started. */
  async recordedInput(workflowId: string): Promise<CopyNoticeInput | undefined> {
    try {
      const history = await this.client.workflow.getHandle(workflowId).fetchHistory();
      const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      return payload
        ? this.client.options.loadedDataConverter.payloadConverter.fromPayload<CopyNoticeInput>(payload)
        : undefined;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
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
            ErrorCode.Unavailable,
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
