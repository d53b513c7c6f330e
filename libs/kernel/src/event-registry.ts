import type { DomainEvent } from './envelope';

/** Turns the data of version `n` of an event type into the data of version `n + 1`. */
export type Upcaster = (data: unknown) => unknown;

export interface EventTypeDefinition {
  readonly type: string;
  /** The version writers produce today. */
  readonly schemaVersion: number;
  /** Keyed by the version they read: `{ 1: v1ToV2, 2: v2ToV3 }`. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/**
 * An event type a service publishes (its contracts library lists them): its definition, and the
 * name of the TypeScript type of its data, from which its JSON Schema is generated.
 */
export interface EventContract extends EventTypeDefinition {
  readonly dataType: string;
}

/** What a producing service publishes: its stream category, its topic and every event type it writes. */
export interface PublishedEvents {
  readonly category: string;
  readonly topic: string;
  readonly events: readonly EventContract[];
}

/** Something stored with a schema version, read back for the current code. */
export interface Versioned {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * The event types a service knows: their current schema version and how older stored versions
 * are upcast on read. Stored events are never rewritten.
 */
export class EventTypeRegistry {
  private readonly definitions = new Map<string, EventTypeDefinition>();

  constructor(definitions: Iterable<EventTypeDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: EventTypeDefinition): this {
    if (this.definitions.has(definition.type))
      throw new Error(`event type ${definition.type} is registered twice`);
    for (let v = 1; v < definition.schemaVersion; v++) {
      if (!definition.upcasters?.[v])
        throw new Error(`event type ${definition.type} has no upcaster from v${v}`);
    }
    this.definitions.set(definition.type, definition);
    return this;
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  types(): string[] {
    return [...this.definitions.keys()];
  }

  /** The schema version writers use for `type`. */
  currentVersion(type: string): number {
    return this.definition(type).schemaVersion;
  }

  /** The event with its data upcast to the current version (the same object when already current). */
  upcast<T extends Versioned>(event: T): T {
    const { schemaVersion: current, upcasters } = this.definition(event.type);
    if (event.schemaVersion === current) return event;
    if (event.schemaVersion > current) {
      throw new Error(`${event.type} v${event.schemaVersion} is newer than this code knows (v${current})`);
    }
    let data = event.data;
    for (let v = event.schemaVersion; v < current; v++) data = upcasters![v]!(data);
    return { ...event, schemaVersion: current, data };
  }

  /** Narrows an upcast stored event to the domain event union the caller works with. */
  toDomain<E extends DomainEvent>(event: Versioned): E {
    const { type, data } = this.upcast(event);
    return { type, data } as E;
  }

  private definition(type: string): EventTypeDefinition {
    const definition = this.definitions.get(type);
    if (!definition) throw new Error(`unknown event type ${type}`);
    return definition;
  }
}
