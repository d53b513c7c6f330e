import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Projections } from '@kesu/platform';
import { approvalEvents, approvalsProjection } from './approvals.projection';

/** Runs the approvals inbox while the service is up, with the indexes its readers use. */
@Injectable()
export class ApprovalsWorker implements OnModuleInit {
  constructor(private readonly projections: Projections) {}

  async onModuleInit(): Promise<void> {
    await this.projections.register({
      projection: approvalsProjection,
      events: approvalEvents(),
      indexes: [
        { fields: ['tenantId', 'approverId', 'proposedAt'] },
        { fields: ['tenantId', 'tier', 'proposedAt'] },
      ],
    });
  }
}
