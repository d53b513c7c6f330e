import { Module } from '@nestjs/common';
import { dispatchControllers, dispatchProviders } from './dispatch';
import { escalationControllers, escalationProviders } from './escalation';
import { incidentPlanControllers, incidentPlanProviders } from './incident-plans';
import { provisionalStaffDirectory } from './provisional-staff-directory';
import { queueControllers, queueProviders } from './queues';

/** Assignment: dispatches complaints to a responsible department and a named person. */
@Module({
  controllers: [
    ...dispatchControllers,
    ...queueControllers,
    ...escalationControllers,
    ...incidentPlanControllers,
  ],
  providers: [
    provisionalStaffDirectory,
    ...dispatchProviders,
    ...queueProviders,
    ...escalationProviders,
    ...incidentPlanProviders,
  ],
})
export class AssignmentModule {}
