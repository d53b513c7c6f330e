import { Module } from '@nestjs/common';
import { dispatchControllers, dispatchProviders } from './dispatch';
import { provisionalStaffDirectory } from './provisional-staff-directory';
import { queueControllers, queueProviders } from './queues';

/** Assignment: dispatches complaints to a responsible department and a named person. */
@Module({
  controllers: [...dispatchControllers, ...queueControllers],
  providers: [provisionalStaffDirectory, ...dispatchProviders, ...queueProviders],
})
export class AssignmentModule {}
