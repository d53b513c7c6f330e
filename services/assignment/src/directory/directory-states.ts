import { Inject, Injectable } from '@nestjs/common';
import { type DirectoryEvent, directoryStream } from '@kesu/assignment-contracts';
import { type DirectoryState, directoryDecider } from '@kesu/assignment-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import type { Clock, EventStore, KnownState } from '@kesu/ports';
import { DIRECTORY_EVENTS } from './directory-events';

/** How long a process answers from a tenant's directory before it looks for newer events. */
export const DIRECTORY_FRESH_MS = 1_000;

/** A tenant's directory as folded from its stream, at a revision. */
export type KnownDirectory = KnownState<DirectoryState>;

/**
 * Each tenant's directory as this process knows it, folded from its stream (`assignment-directory-
 * <tenant>`) and caught up by reading only the events after the revision it holds: dispatch and
 * escalation ask for people on every decision, so a process answers from what it holds for
 * DIRECTORY_FRESH_MS, a change made here applies at once, one made by another process within a
 * second. Changes read it fresh.
 */
@Injectable()
export class DirectoryStates {
  private readonly held = new Map<
    string,
    { readonly directory: KnownDirectory; readonly checkedAt: number }
  >();
  private readonly reading = new Map<string, Promise<KnownDirectory>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DIRECTORY_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The tenant's directory: as held while fresh, else caught up with its stream (`fresh`: always caught up). */
  async current(tenantId: string, options: { readonly fresh?: boolean } = {}): Promise<KnownDirectory> {
    const held = this.held.get(tenantId);
    if (held && !options.fresh && this.clock.now().getTime() - held.checkedAt < DIRECTORY_FRESH_MS)
      return held.directory;
    const pending = this.reading.get(tenantId);
    if (pending) return pending;
    const reading = this.catchUp(tenantId, held?.directory).finally(() => this.reading.delete(tenantId));
    this.reading.set(tenantId, reading);
    return reading;
  }

  /** The directory after a change this process recorded: it applies here at once. */
  remember(tenantId: string, directory: KnownDirectory): void {
    const held = this.held.get(tenantId);
    if (held && held.directory.revision > directory.revision) return;
    this.held.set(tenantId, { directory, checkedAt: this.clock.now().getTime() });
  }

  private async catchUp(tenantId: string, from: KnownDirectory | undefined): Promise<KnownDirectory> {
    const known = from ?? { state: directoryDecider.initialState(), revision: -1, position: 0 };
    const newer = await this.store.readStream(directoryStream(tenantId), {
      fromRevision: known.revision + 1,
    });
    const last = newer.at(-1);
    const directory = last
      ? {
          state: newer
            .map((event) => this.registry.toDomain<DirectoryEvent>(event))
            .reduce(directoryDecider.evolve, known.state),
          revision: last.revision,
          position: last.globalPosition,
        }
      : known;
    this.remember(tenantId, directory);
    return directory;
  }
}
