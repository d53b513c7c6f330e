import type { ServiceVolumeRecorded } from '@kesu/analytics-contracts';
import type { Decider } from '@kesu/kernel';

// ---------------------------------------------------------------- 投诉率: complaints per service volume

/** What a volume counts. */
export const VOLUME_MEASURES = ['customers', 'transactions', 'accounts'] as const;
export type VolumeMeasure = (typeof VOLUME_MEASURES)[number];

/** A tenant's volumes: `<unit>|<month>|<measure>` → volume. */
export type ServiceVolumes = ReadonlyMap<string, number>;

const keyOf = (unitId: string, month: string, measure: string): string => `${unitId}|${month}|${measure}`;

/** Record one unit's volume of a month. */
export interface RecordServiceVolume {
  readonly type: 'RecordServiceVolume';
  readonly unitId: string;
  readonly month: string;
  readonly measure: VolumeMeasure;
  readonly volume: number;
  readonly at: string;
}

/** The decider of a tenant's volumes stream: a volume is recorded unless it is the one held. */
export const serviceVolumesDecider: Decider<RecordServiceVolume, ServiceVolumeRecorded, ServiceVolumes> = {
  initialState: () => new Map(),
  decide(command, state) {
    const { unitId, month, measure, volume, at } = command;
    if (state.get(keyOf(unitId, month, measure)) === volume) return [];
    return [{ type: 'ServiceVolumeRecorded', data: { unitId, month, measure, volume, recordedAt: at } }];
  },
  evolve(state, { data }) {
    return new Map(state).set(keyOf(data.unitId, data.month, data.measure), data.volume);
  },
};

/** Complaints per `per` units of one measure's volume. */
export interface ComplaintRate {
  readonly measure: VolumeMeasure;
  readonly volume: number;
  readonly per: number;
  readonly rate: number;
}

/**
 * The complaint rate of units over months, per measure with a volume: a unit's volume of a month is
 * its own when supplied, else the sum of its branches' (`branchesOf`). Complaints per 10,000 of the
 * measure (per 1,000 when the volume is under 10,000), two decimals; none without volumes.
 */
export function complaintRatesOf(
  volumes: ServiceVolumes,
  received: number,
  units: readonly string[],
  months: readonly string[],
  branchesOf: (unitId: string) => readonly string[],
): ComplaintRate[] {
  const rates: ComplaintRate[] = [];
  for (const measure of VOLUME_MEASURES) {
    let volume = 0;
    for (const unitId of units) {
      for (const month of months) {
        const own = volumes.get(keyOf(unitId, month, measure));
        volume +=
          own ??
          branchesOf(unitId).reduce(
            (sum, branch) => sum + (volumes.get(keyOf(branch, month, measure)) ?? 0),
            0,
          );
      }
    }
    if (volume <= 0) continue;
    const per = volume < 10_000 ? 1_000 : 10_000;
    rates.push({ measure, volume, per, rate: Math.round((received / volume) * per * 100) / 100 });
  }
  return rates;
}
