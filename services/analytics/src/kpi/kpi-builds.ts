import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DOCUMENT_STORE } from '@kesu/platform';
import type { Clock, Collection, DocumentStore } from '@kesu/ports';
import { KPI_ROLLUP_VERSION } from './kpi-rollup-store';

/** A build of the rollups under way beside the live one. */
export interface BuildProgress {
  readonly build: string;
  readonly startedAt: string;
  /** The global position folded so far, and the head of the store when last looked at. */
  readonly position: number;
  readonly head: number;
}

/** Which build of the rollups queries read, and the one being built beside it. */
export interface RollupBuilds {
  readonly _id: string;
  readonly live: string | null;
  readonly building: BuildProgress | null;
  readonly switchedAt: string | null;
  /** Builds replaced by a newer one whose documents and checkpoint are still to be removed. */
  readonly retired?: readonly string[];
}

const ID = 'rollups';

/** The build of this code's fold with the given generation. */
export const buildName = (generation: number): string => `v${KPI_ROLLUP_VERSION}g${generation}`;
const generationOf = (build: string): number => Number(build.split('g')[1] ?? 0);
const isCurrent = (build: string | null | undefined): build is string =>
  !!build && build.startsWith(`v${KPI_ROLLUP_VERSION}g`);

/**
 * The rollups' builds: queries read the live one while a new one is built from the event store
 * beside it (a new fold version, or a rebuild asked for); once the new one has caught up with the
 * store's head it becomes live, in one write, and the old one is no longer read.
 */
@Injectable()
export class KpiBuilds {
  private readonly builds: Collection<RollupBuilds>;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.builds = documents.collection<RollupBuilds>('analytics_kpi_builds');
  }

  async state(): Promise<RollupBuilds> {
    return (await this.builds.get(ID)) ?? { _id: ID, live: null, building: null, switchedAt: null };
  }

  /** The build queries read: the live one, else (before the first build caught up) the one building. */
  async readable(): Promise<string | null> {
    const state = await this.state();
    return state.live ?? state.building?.build ?? null;
  }

  /**
   * The builds to run now: the live one when this code folds it, and the one building; a live build
   * of another fold version starts a new build beside it.
   */
  async toRun(): Promise<string[]> {
    const state = await this.state();
    if (!isCurrent(state.live) && !isCurrent(state.building?.build)) {
      return [await this.startBuild(state)];
    }
    return [state.live, state.building?.build].filter(isCurrent);
  }

  /** The builds of this code's fold that the state names, live and building, starting none. */
  async current(): Promise<string[]> {
    const state = await this.state();
    return [state.live, state.building?.build].filter(isCurrent);
  }

  /** Starts a new build beside the live one (a rebuild); answers its name. */
  async startBuild(current?: RollupBuilds): Promise<string> {
    const state = current ?? (await this.state());
    const generation =
      Math.max(0, ...[state.live, state.building?.build].filter(isCurrent).map(generationOf)) + 1;
    const build = buildName(generation);
    await this.builds.put({
      ...state,
      building: { build, startedAt: this.clock.now().toISOString(), position: 0, head: 0 },
    });
    return build;
  }

  /** The builds retired and not yet removed. */
  async retired(): Promise<readonly string[]> {
    return (await this.state()).retired ?? [];
  }

  /** A retired build's documents and checkpoint are gone. */
  async removed(build: string): Promise<void> {
    const state = await this.state();
    await this.builds.put({ ...state, retired: (state.retired ?? []).filter((old) => old !== build) });
  }

  /** Records a build's progress; answers true when it caught up and became live (the old one retired). */
  async progress(build: string, position: number, head: number): Promise<boolean> {
    const state = await this.state();
    if (state.building?.build !== build) return false;
    if (position >= head) {
      const retired = [...(state.retired ?? []), ...(state.live ? [state.live] : [])];
      await this.builds.put({
        _id: ID,
        live: build,
        building: null,
        switchedAt: this.clock.now().toISOString(),
        retired: [...new Set(retired)].filter((old) => old !== build),
      });
      return true;
    }
    await this.builds.put({ ...state, building: { ...state.building, position, head } });
    return false;
  }
}
