import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Collection, Document, DocumentStore } from '@kesu/ports';
import { BackgroundWorkers } from './background-workers';
import { OrgDirectory } from './org-directory';
import type { PlatformOptions } from './platform-options';
import { Readiness } from './readiness';
import type { TenantDirectory } from './tenant-directory';
import { DOCUMENT_STORE, PLATFORM_OPTIONS } from './tokens';

/** The collection of tenants' directories: one document per tenant, `_id` its tenant id. */
export const TENANT_DIRECTORIES_COLLECTION = 'platform_tenant_directories';
/** One document (`_id: all`) naming each tenant's latest published revision: what processes poll. */
export const TENANT_DIRECTORY_REVISIONS_COLLECTION = 'platform_tenant_directory_revisions';
/** How often a process looks for directories other processes published (default). */
export const DEFAULT_DIRECTORY_REFRESH_MS = 1000;

const REVISIONS_ID = 'all';
const WRITE_ATTEMPTS = 10;
const TENANT_KEY = /^[A-Za-z0-9_-]{1,128}$/;

/** A published directory: always with the revision of the stream it was built from. */
export type PublishedDirectory = TenantDirectory & { readonly revision: number };

type DirectoryDocument = Document & PublishedDirectory;
interface RevisionsDocument extends Document {
  readonly revisions: Readonly<Record<string, number>>;
}

/**
 * Where the tenants' directories live between processes: the document store. The service that owns
 * the organisations publishes a tenant's directory after each change; every process loads them all
 * before it is ready (a readiness condition, `tenantDirectories`) and then polls one small document
 * of revisions every DEFAULT_DIRECTORY_REFRESH_MS, reading again only the directories that moved on —
 * so a change made in one process is seen by the others within about a second. A directory published
 * in this process is held here at once.
 */
@Injectable()
export class TenantDirectories implements OnModuleInit {
  private readonly logger = new Logger(TenantDirectories.name);
  private readonly directories: Collection<DirectoryDocument>;
  private readonly revisions: Collection<RevisionsDocument>;
  private loaded = false;
  private failure?: string;
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    private readonly directory: OrgDirectory,
    private readonly readiness: Readiness,
    private readonly workers: BackgroundWorkers,
  ) {
    this.directories = documents.collection(TENANT_DIRECTORIES_COLLECTION);
    this.revisions = documents.collection(TENANT_DIRECTORY_REVISIONS_COLLECTION);
  }

  onModuleInit(): void {
    this.readiness.addCondition('tenantDirectories', () =>
      this.loaded
        ? 'ok'
        : `loading the tenants' directories${this.failure ? ` failed: ${this.failure}` : ''}`,
    );
    this.workers.register({ name: 'tenant-directories', start: () => this.start(), stop: () => this.stop() });
  }

  /**
   * Publishes a tenant's directory: written unless the stored one is as far or further (a
   * compare-and-set on its revision), its revision announced to the other processes, and held here.
   */
  async publish(directory: PublishedDirectory): Promise<void> {
    if (!TENANT_KEY.test(directory.tenantId))
      throw new Error(`cannot publish tenant id ${directory.tenantId}`);
    for (let attempt = 1; ; attempt++) {
      const stored = await this.directories.get(directory.tenantId);
      if (stored && stored.revision >= directory.revision) break;
      const written = await this.directories.replaceIf(
        { ...directory, _id: directory.tenantId },
        stored ? { revision: stored.revision } : null,
      );
      if (written) break;
      if (attempt >= WRITE_ATTEMPTS)
        throw new Error(`the directory of ${directory.tenantId} kept changing while it was published`);
    }
    await this.revisions.update(
      REVISIONS_ID,
      { $max: { [`revisions.${directory.tenantId}`]: directory.revision } },
      { upsert: true },
    );
    this.directory.hold(directory);
  }

  /** Reads the directories published since the last read (all of them the first time); one read at a time. */
  refresh(): Promise<void> {
    this.reading ??= this.readChanges()
      .then(() => {
        this.loaded = true;
        this.failure = undefined;
      })
      .catch((error: unknown) => {
        this.failure = error instanceof Error ? error.message : String(error);
        this.logger.warn(`reading the tenants' directories failed: ${this.failure}`);
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async start(): Promise<void> {
    await this.refresh();
    const every = this.options.directoryRefreshMs ?? DEFAULT_DIRECTORY_REFRESH_MS;
    this.timer = setInterval(() => void this.refresh(), every);
    this.timer.unref();
  }

  private async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reading;
  }

  private async readChanges(): Promise<void> {
    const revisions = (await this.revisions.get(REVISIONS_ID))?.revisions ?? {};
    const moved = Object.entries(revisions)
      .filter(([tenantId, revision]) => revision > this.directory.revisionOf(tenantId))
      .map(([tenantId]) => tenantId);
    if (moved.length === 0) return;
    for (const { _id: _, ...directory } of await this.directories.getMany(moved))
      this.directory.hold(directory);
  }
}
