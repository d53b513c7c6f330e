/** Who caused an event: a person (from the verified token) or a service acting on its own. */
export interface Actor {
  readonly kind: 'user' | 'service';
  readonly id: string;
  readonly roles?: readonly string[];
}

/** The envelope fields a writer supplies; the event store adds revision, hashes and positions. */
export interface EventMetadata {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly tenantId: string;
  readonly branchId: string;
  /** The complaint id, on every event of every service. */
  readonly correlationId: string;
  /** The event or request that caused this event. */
  readonly causationId: string;
  readonly actor: Actor;
}

/** A domain event as deciders produce and evolve functions consume it: a type name and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** An event ready to append: the domain event, its schema version and its metadata. */
export interface NewEvent<E extends DomainEvent = DomainEvent> extends EventMetadata {
  readonly type: E['type'];
  readonly schemaVersion: number;
  readonly data: E['data'];
}

/** The part of a stored event covered by its hash. */
export interface SealedEvent<E extends DomainEvent = DomainEvent> extends NewEvent<E> {
  readonly streamId: string;
  /** 0-based position of the event in its stream. */
  readonly revision: number;
  /** When the event store accepted the event. */
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** An event as read back from the store: sealed, plus its position in the global log. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> extends SealedEvent<E> {
  readonly globalPosition: number;
}
