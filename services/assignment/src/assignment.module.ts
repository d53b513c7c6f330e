import { Module } from '@nestjs/common';
import { escalationControllers, escalationProviders } from './escalation';
import { provisionalStaffDirectoryProvider } from './provisional-staff-directory';

/** Assignment: dispatches complaints to a responsible department and a named person. */
@Module({
  controllers: [...escalationControllers],
  providers: [provisionalStaffDirectoryProvider, ...escalationProviders],
})
export class AssignmentModule {}
