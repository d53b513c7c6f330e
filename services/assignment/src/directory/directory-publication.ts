import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ASSIGNMENT_TOPIC } from '@kesu/assignment-contracts';
import type { DirectoryState } from '@kesu/assignment-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { EventConsumers, OrgDirectory, type PublishedDirectory, TenantDirectories } from '@kesu/platform';
import { DIRECTORY_EVENTS } from './directory-events';
import { DirectoryStates, type KnownDirectory } from './directory-states';

/** The consumer group that publishes every tenant's directory the relay shows changed. */
export const DIRECTORY_PUBLICATION_GROUP = 'assignment.directory-publication';

/** The platform's view of a tenant's directory: its units, and its people as users with their roles and units. */
export function publishedDirectoryOf(state: DirectoryState, revision: number): PublishedDirectory {
  const tenant = state.tenant!;
  return {
    tenantId: tenant.tenantId,
    name: tenant.name,
    timeZone: tenant.timeZone,
    defaultLanguage: tenant.defaultLanguage,
    revision,
    units: [...state.units.values()].map(({ unitId, kind, parentId, name }) => ({
      id: unitId,
      kind,
      parentId,
      name,
    })),
    users: [...state.people.values()].map((person) => ({
      id: person.personId,
      username: person.username,
      tenantId: tenant.tenantId,
      displayName: person.name,
      roles: person.roles,
      branchScope: person.unitIds,
      ...(person.email !== undefined && { email: person.email }),
    })),
  };
}

/**
 * Publishes each tenant's directory to the platform (`TenantDirectories`): right after every change
 * this process records — so this process, and in embedded mode every service of it, checks scopes
 * against the change at once — and again from the message log (consumer group
 * `assignment.directory-publication`), so a change whose publication was cut short (a crash between
 * the append and the write) is published all the same. Publishing what is published already writes
 * nothing.
 */
@Injectable()
export class DirectoryPublication implements OnModuleInit {
  constructor(
    private readonly directories: TenantDirectories,
    private readonly directory: OrgDirectory,
    private readonly states: DirectoryStates,
    private readonly consumers: EventConsumers,
    @Inject(DIRECTORY_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: DIRECTORY_PUBLICATION_GROUP,
      topics: [ASSIGNMENT_TOPIC],
      events: this.registry,
      handle: (event) => this.changed([event]),
      handleBatch: (events) => this.changed(events),
    });
  }

  /** Publishes the tenant's directory as known after a change. */
  async publish(known: KnownDirectory): Promise<void> {
    if (known.state.tenant) await this.directories.publish(publishedDirectoryOf(known.state, known.revision));
  }

  /** Publishes the directories of the tenants these events changed, unless this process holds them as far already. */
  private async changed(events: readonly RecordedEvent[]): Promise<void> {
    for (const tenantId of new Set(events.map((event) => event.tenantId))) {
      const known = await this.states.current(tenantId, { fresh: true });
      if (known.revision > this.directory.revisionOf(tenantId)) await this.publish(known);
    }
  }
}
