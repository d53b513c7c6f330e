import { type Taxonomy, taxonomyStream } from '@kesu/classification-contracts';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { taxonomyPack, validateTaxonomy } from '@kesu/classification-domain';
import type { Caller } from '@kesu/platform';
import { assertValid } from './settings-problems';
import type { PutTaxonomyDto } from './settings.dto';
import { SettingsChanges } from './settings-changes';
import { type Setting, TenantSettings } from './tenant-settings.service';

/** The version of the default pack and rule set: the first change is version 2. */
export const DEFAULT_VERSION = 1;

/** Replace the tenant's taxonomy by a pack or a whole tree, saying why. */
export class ChangeTaxonomyCommand extends Command<Setting<Taxonomy>> {
  constructor(
    readonly caller: Caller,
    readonly body: PutTaxonomyDto,
  ) {
    super();
  }
}

/**
 * Checks the proposed tree (400 naming each path), then records TaxonomyChanged — version the
 * current one plus one, who and why — at the If-Match revision of the taxonomy stream when given.
 */
@CommandHandler(ChangeTaxonomyCommand)
export class ChangeTaxonomyHandler implements ICommandHandler<ChangeTaxonomyCommand> {
  constructor(
    private readonly settings: TenantSettings,
    private readonly changes: SettingsChanges,
  ) {}

  async execute({ caller, body }: ChangeTaxonomyCommand): Promise<Setting<Taxonomy>> {
    const { tenantId } = caller.principal;
    const tree = body.categories ? { pack: body.pack, categories: body.categories } : taxonomyPack(body.pack);
    const current = await this.settings.taxonomy(tenantId);
    const proposed = { pack: tree.pack, categories: tree.categories, version: current.version + 1 };
    assertValid(validateTaxonomy(proposed));
    const { state, revision } = await this.changes.record({
      caller,
      streamId: taxonomyStream(tenantId),
      causationId: this.changes.causationOf(caller, 'ChangeTaxonomy', body),
      expectedRevision: caller.expectedRevision,
      command: (at, by) => ({
        type: 'ChangeTaxonomy',
        tenantId,
        taxonomy: proposed as Omit<Taxonomy, 'version'>,
        baseVersion: DEFAULT_VERSION,
        reason: body.reason,
        by,
        at,
      }),
    });
    return { value: state.taxonomy!, revision };
  }
}
