import type { Provider, Type } from '@nestjs/common';
import { CreateTenantHandler } from '../tenants/create-tenant';
import { DemoTenantSeeder } from '../tenants/demo-tenant-seeder';
import { ListTenantsHandler } from '../tenants/list-tenants';
import { TenantsController } from '../tenants/tenants.controller';
import { STAFF_DIRECTORY } from '../staff-directory';
import { DirectoryChanges } from './directory-changes';
import { directoryEventsProvider } from './directory-events';
import { DirectoryPublication } from './directory-publication';
import { DirectoryStaff } from './directory-staff';
import { DirectoryStates } from './directory-states';
import { DirectoryController } from './directory.controller';
import { GetDirectoryHandler } from './get-directory';
import { DirectoryImportController } from './import/directory-import.controller';
import { ImportDirectoryHandler } from './import/import-directory';
import { PutDepartmentHandler } from './put-department';
import { PutOrgUnitHandler } from './put-org-unit';
import { PutPersonHandler } from './put-person';
import { RemoveRecordHandler } from './remove-record';
import { SetDutyHandler } from './set-duty';

/** The controllers of tenants and their directories. */
export const directoryControllers: Type<unknown>[] = [
  TenantsController,
  DirectoryController,
  DirectoryImportController,
];

/** Tenants and their directories: their changes, reads, publication to the platform, and the `StaffDirectory` (STAFF_DIRECTORY). */
export const directoryProviders: Provider[] = [
  directoryEventsProvider,
  DirectoryStates,
  DirectoryPublication,
  DirectoryChanges,
  CreateTenantHandler,
  ListTenantsHandler,
  GetDirectoryHandler,
  PutOrgUnitHandler,
  PutDepartmentHandler,
  PutPersonHandler,
  RemoveRecordHandler,
  SetDutyHandler,
  ImportDirectoryHandler,
  DirectoryStaff,
  { provide: STAFF_DIRECTORY, useExisting: DirectoryStaff },
  DemoTenantSeeder,
];
