import {
  DEFAULT_AUTO_RETRAIN_AFTER,
  decideSettings,
  evolveSettings,
  initialSettingsState,
  type SettingsCommand,
} from './classification-settings';
import { DEFAULT_COLLECTIVE_THRESHOLD } from './classification';
import { DEFAULT_CONFIDENCE_THRESHOLD } from './classify';

const change = (confidenceThreshold: number): SettingsCommand => ({
  type: 'ChangeConfidenceThreshold',
  tenantId: 't-1',
  confidenceThreshold,
  reason: 'too many complaints left to the model',
  by: 'user-admin',
  at: '2026-01-01T00:00:00.000Z',
});

describe('confidence threshold settings', () => {
  it('records the change with the threshold it replaced, the default before the first change', () => {
    const [event] = decideSettings(change(0.8), initialSettingsState());
    expect(event).toEqual({
      type: 'ConfidenceThresholdChanged',
      data: {
        tenantId: 't-1',
        confidenceThreshold: 0.8,
        previousThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
        changedBy: 'user-admin',
        changedAt: '2026-01-01T00:00:00.000Z',
        reason: 'too many complaints left to the model',
      },
    });
    const state = evolveSettings(initialSettingsState(), event!);
    expect(state.confidenceThreshold).toBe(0.8);
    expect(decideSettings(change(0.3), state)[0]).toMatchObject({
      data: { confidenceThreshold: 0.3, previousThreshold: 0.8 },
    });
  });

  it('records nothing when the threshold stays the same', () => {
    expect(decideSettings(change(DEFAULT_CONFIDENCE_THRESHOLD), initialSettingsState())).toEqual([]);
  });

  it('accepts 0 and 1 and refuses anything outside 0–1', () => {
    expect(decideSettings(change(0), initialSettingsState())).toHaveLength(1);
    expect(decideSettings(change(1), initialSettingsState())).toHaveLength(1);
    for (const bad of [-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => decideSettings(change(bad), initialSettingsState())).toThrow(/between 0 and 1/);
  });
});

const retrainAfter = (autoRetrainAfter: number): SettingsCommand => ({
  type: 'ChangeAutoRetrain',
  tenantId: 't-1',
  autoRetrainAfter,
  reason: 'retrain once a week’s corrections are in',
  by: 'user-admin',
  at: '2026-01-01T00:00:00.000Z',
});

describe('automatic retraining policy', () => {
  it('records the change with the value it replaced, the default before the first change', () => {
    const [event] = decideSettings(retrainAfter(200), initialSettingsState());
    expect(event).toEqual({
      type: 'AutoRetrainChanged',
      data: {
        tenantId: 't-1',
        autoRetrainAfter: 200,
        previousAutoRetrainAfter: DEFAULT_AUTO_RETRAIN_AFTER,
        changedBy: 'user-admin',
        changedAt: '2026-01-01T00:00:00.000Z',
        reason: 'retrain once a week’s corrections are in',
      },
    });
    const state = evolveSettings(initialSettingsState(), event!);
    expect(state.autoRetrainAfter).toBe(200);
    expect(decideSettings(retrainAfter(0), state)[0]).toMatchObject({
      data: { autoRetrainAfter: 0, previousAutoRetrainAfter: 200 },
    });
    expect(decideSettings(retrainAfter(200), state)).toEqual([]);
  });

  it('takes 0 (off) and whole numbers up to a million, nothing else', () => {
    expect(decideSettings(retrainAfter(0), initialSettingsState())).toHaveLength(1);
    expect(decideSettings(retrainAfter(1_000_000), initialSettingsState())).toHaveLength(1);
    for (const bad of [-1, 2.5, 1_000_001, Number.NaN])
      expect(() => decideSettings(retrainAfter(bad), initialSettingsState())).toThrow(/whole number/);
  });
});

const collectiveFrom = (collectiveThreshold: number): SettingsCommand => ({
  type: 'ChangeCollectiveThreshold',
  tenantId: 't-1',
  collectiveThreshold,
  reason: '小区楼栋多为 10 户以上联名',
  by: 'user-admin',
  at: '2026-01-01T00:00:00.000Z',
});

describe('collective threshold', () => {
  it('records who changed it, why, and the value it replaced (the default, 5, before the first change)', () => {
    expect(DEFAULT_COLLECTIVE_THRESHOLD).toBe(5);
    const [event] = decideSettings(collectiveFrom(10), initialSettingsState());
    expect(event).toEqual({
      type: 'CollectiveThresholdChanged',
      data: {
        tenantId: 't-1',
        collectiveThreshold: 10,
        previousCollectiveThreshold: 5,
        changedBy: 'user-admin',
        changedAt: '2026-01-01T00:00:00.000Z',
        reason: '小区楼栋多为 10 户以上联名',
      },
    });
    const state = evolveSettings(initialSettingsState(), event!);
    expect(state.collectiveThreshold).toBe(10);
    expect(decideSettings(collectiveFrom(3), state)[0]).toMatchObject({
      data: { collectiveThreshold: 3, previousCollectiveThreshold: 10 },
    });
    expect(decideSettings(collectiveFrom(10), state)).toEqual([]);
  });

  it('takes whole numbers from 2 to 1000, nothing else', () => {
    expect(decideSettings(collectiveFrom(2), initialSettingsState())).toHaveLength(1);
    expect(decideSettings(collectiveFrom(1000), initialSettingsState())).toHaveLength(1);
    for (const bad of [1, 0, 1001, 4.5, Number.NaN])
      expect(() => decideSettings(collectiveFrom(bad), initialSettingsState())).toThrow(/2 to 1000/);
  });
});

describe('activating an earlier model version by hand', () => {
  const activate = (modelVersion: number): SettingsCommand => ({
    type: 'ActivateModel',
    tenantId: 't-1',
    modelVersion,
    reason: 'v3 files billing complaints under network',
    by: 'user-admin',
    at: '2026-01-02T00:00:00.000Z',
  });
  const state = { ...initialSettingsState(), modelsTrained: 3, activeModel: 3 };

  it('records who rolled back to which version, from which, and why', () => {
    expect(decideSettings(activate(2), state)).toEqual([
      {
        type: 'ModelActivated',
        data: {
          tenantId: 't-1',
          modelVersion: 2,
          previousVersion: 3,
          activatedAt: '2026-01-02T00:00:00.000Z',
          activatedBy: 'user-admin',
          reason: 'v3 files billing complaints under network',
        },
      },
    ]);
  });

  it('records nothing for the active version, and refuses a version never trained', () => {
    expect(decideSettings(activate(3), state)).toEqual([]);
    for (const bad of [0, 4, 1.5])
      expect(() => decideSettings(activate(bad), state)).toThrow(/never trained/);
  });
});
