import { Module } from '@nestjs/common';
import { caseControllers, caseProviders } from './case';
import { directoryControllers, directoryProviders } from './directory/directory.providers';
import { dispatchControllers, dispatchProviders } from './dispatch';
import { escalationControllers, escalationProviders } from './escalation';
import { incidentPlanControllers, incidentPlanProviders } from './incident-plans';
import { queueControllers, queueProviders } from './queues';
import { DemoTenantSeeder } from './tenants/demo-tenant-seeder';

/**
 * Assignment: owns the tenants and their organisations (the directory every service's scope checks
 * read), dispatches complaints to a responsible department and a named person, escalates them, and
 * carries their case work from investigation to resolution.
 */
@Module({
  controllers: [
    ...directoryControllers,
    ...dispatchControllers,
    ...queueControllers,
    ...escalationControllers,
    ...incidentPlanControllers,
    ...caseControllers,
  ],
  providers: [
    ...directoryProviders,
    ...dispatchProviders,
    ...queueProviders,
    ...escalationProviders,
    ...incidentPlanProviders,
    ...caseProviders,
  ],
  exports: [DemoTenantSeeder],
})
export class AssignmentModule {}
