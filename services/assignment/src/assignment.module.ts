import { Module } from '@nestjs/common';
import { directoryControllers, directoryProviders } from './directory/directory.providers';
import { DemoTenantSeeder } from './tenants/demo-tenant-seeder';

/**
 * Assignment: owns the tenants and their organisations (the directory every service's scope checks
 * read) and dispatches complaints to a responsible department and a named person.
 */
@Module({
  controllers: [...directoryControllers],
  providers: [...directoryProviders],
  exports: [DemoTenantSeeder],
})
export class AssignmentModule {}
