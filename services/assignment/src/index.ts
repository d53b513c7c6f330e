export { AssignmentModule } from './assignment.module';
export { CreateTenantCommand } from './tenants/create-tenant';
export { DemoTenantSeeder } from './tenants/demo-tenant-seeder';
export { ImportDirectoryCommand } from './directory/import/import-directory';
export { GetDirectoryQuery } from './directory/get-directory';
export { STAFF_DIRECTORY } from './staff-directory';
export { queueEvents, queueProjection, QUEUE_ITEMS } from './queues/queue.projection';
