import { Module } from '@nestjs/common';

/** Follow-up: callbacks, satisfaction surveys, re-review requests and closure. */
@Module({})
export class FollowUpModule {}
