import { EventTypeRegistry } from './event-registry';

describe('event type registry', () => {
  const registry = new EventTypeRegistry([
    {
      type: 'ComplaintReceived',
      schemaVersion: 3,
      upcasters: {
        1: (data) => ({ ...(data as object), language: 'zh' }),
        2: (data) => {
          const { phone, ...rest } = data as { phone?: string };
          return { ...rest, contact: { phone } };
        },
      },
    },
    { type: 'ComplaintAccepted', schemaVersion: 1 },
  ]);

  it('upcasts stored versions step by step to the current one', () => {
    const stored = { type: 'ComplaintReceived', schemaVersion: 1, data: { phone: '138' } };
    expect(registry.upcast(stored)).toEqual({
      type: 'ComplaintReceived',
      schemaVersion: 3,
      data: { language: 'zh', contact: { phone: '138' } },
    });
    expect(stored.data).toEqual({ phone: '138' });
  });

  it('returns current events unchanged', () => {
    const current = { type: 'ComplaintAccepted', schemaVersion: 1, data: { x: 1 } };
    expect(registry.upcast(current)).toBe(current);
  });

  it('refuses versions it cannot read', () => {
    expect(() => registry.upcast({ type: 'ComplaintAccepted', schemaVersion: 2, data: {} })).toThrow(/newer/);
    expect(() => registry.upcast({ type: 'Unknown', schemaVersion: 1, data: {} })).toThrow(
      /unknown event type/,
    );
  });

  it('requires an upcaster for every older version and one definition per type', () => {
    expect(() => new EventTypeRegistry([{ type: 'X', schemaVersion: 2 }])).toThrow(/no upcaster from v1/);
    expect(() => registry.register({ type: 'ComplaintAccepted', schemaVersion: 1 })).toThrow(/twice/);
  });
});
