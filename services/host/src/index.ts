export { HostModule } from './host.module';
