import { Inject, Injectable } from '@nestjs/common';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import {
  applyToProjection,
  type Document,
  type DocumentStore,
  type EventStore,
  type IndexOptions,
  prepareProjection,
  type Projected,
  type Projection,
  projectionGroup,
} from '@kesu/ports';
import { EventConsumers, StandDown } from './event-consumers';
import { ProjectionPreparation } from './projection-preparation';
import { replicaName } from './replica';
import { DOCUMENT_STORE, EVENT_STORE } from './tokens';

/** An index a projection's readers use. */
export interface ProjectionIndex {
  readonly fields: readonly string[];
  readonly options?: IndexOptions;
}

export interface ProjectionRegistration<D extends Document & Projected> {
  readonly projection: Projection<D>;
  /**
   * The event types the projection reads, from the producers' published contracts: every type it
   * handles, upcast through them both from the message log and from the event store.
   */
  readonly events: EventTypeRegistry;
  /** Ensured before the service starts. */
  readonly indexes?: readonly ProjectionIndex[];
}

/**
 * Runs a service's projections. Each one's documents are first brought to its fold version
 * (`prepareProjection`: a rebuild from the event store when the fold changed, nothing when it did
 * not, a wait while another replica rebuilds), with the progress in readiness and the log; only
 * then its consumer group (`projection.<name>`) starts, through `EventConsumers`, so no live event
 * reaches a stale document. A release older than the documents' fold does not consume at all.
 */
@Injectable()
export class Projections {
  constructor(
    private readonly consumers: EventConsumers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  /** Ensures the indexes, then registers the projection's worker (it starts with the others). */
  async register<D extends Document & Projected>(registration: ProjectionRegistration<D>): Promise<void> {
    const { projection, events, indexes = [] } = registration;
    const unknown = projection.handles.filter((type) => !events.has(type));
    if (unknown.length > 0) {
      throw new Error(
        `projection ${projection.name} handles ${unknown.join(', ')}, not among its event types`,
      );
    }
    const collection = this.documents.collection<D>(projection.collection);
    for (const index of indexes) await collection.ensureIndex(index.fields, index.options);
    const apply = async (batch: readonly RecordedEvent[]) => {
      await applyToProjection(projection, collection, events, batch, this.store);
    };
    const owner = replicaName();
    this.consumers.register({
      group: projectionGroup(projection.name),
      topics: projection.topics,
      events,
      prepare: async (signal, report) => {
        const preparation = new ProjectionPreparation(projection, report);
        const result = await prepareProjection(projection, this.store, this.documents, events, {
          owner,
          signal,
          onProgress: (progress) => preparation.progress(progress),
        });
        if (result.outcome === 'superseded') throw new StandDown(preparation.superseded(result));
        preparation.done(result);
      },
      handle: (event) => apply([event]),
      handleBatch: apply,
    });
  }
}
