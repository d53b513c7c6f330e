import { Module } from '@nestjs/common';
import { escalationControllers, escalationProviders } from './escalation';
import { incidentPlanControllers, incidentPlanProviders } from './incident-plans';
import { provisionalStaffDirectoryProvider } from './provisional-staff-directory';

/** Assignment: dispatches complaints to a responsible department and a named person. */
@Module({
  controllers: [...escalationControllers, ...incidentPlanControllers],
  providers: [provisionalStaffDirectoryProvider, ...escalationProviders, ...incidentPlanProviders],
})
export class AssignmentModule {}
