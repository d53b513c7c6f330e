// The built-in taxonomy packs: JSON data files in packs/, checked against taxonomy-pack.schema.json.
import { type Category, type Taxonomy, type TaxonomyPack } from '@kesu/classification-contracts';
import { checkedData } from '../bundled-data';
import banking from './packs/banking.json';
import general from './packs/general.json';
import healthcare from './packs/healthcare.json';
import hospitality from './packs/hospitality.json';
import property from './packs/property.json';
import retail from './packs/retail.json';
import telecom from './packs/telecom.json';
import utilities from './packs/utilities.json';
import schema from './taxonomy-pack.schema.json';
import { validateTaxonomy } from './taxonomy-validation';

/** A pack's file: top-level categories, each with its subcategories (codes relative to it). */
export interface TaxonomyPackFile {
  readonly pack: TaxonomyPack;
  readonly categories: readonly PackCategory[];
}

interface PackCategory {
  readonly code: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly keywords: readonly string[];
  readonly departmentId?: string;
  readonly subcategories?: readonly PackCategory[];
}

const PACK_FILES: Record<TaxonomyPack, unknown> = {
  general,
  telecom,
  banking,
  utilities,
  healthcare,
  hospitality,
  property,
  retail,
};

const loaded = new Map<TaxonomyPack, Taxonomy>();

/**
 * A built-in pack as a version-1 taxonomy: a two-level tree with zh/en names, zh and en keywords and
 * the department that usually owns each category. Every pack has the fallback category `other`.
 */
export function taxonomyPack(pack: TaxonomyPack): Taxonomy {
  let taxonomy = loaded.get(pack);
  if (!taxonomy) {
    const file = PACK_FILES[pack];
    if (!file) throw new Error(`unknown taxonomy pack "${String(pack)}"`);
    taxonomy = loadTaxonomyPack(file, `taxonomy pack ${pack}.json`);
    if (taxonomy.pack !== pack)
      throw new Error(`taxonomy pack ${pack}.json names the pack "${taxonomy.pack}"`);
    loaded.set(pack, taxonomy);
  }
  return taxonomy;
}

/**
 * A pack file's content as a version-1 taxonomy, once it matches the schema: subcategory codes
 * become `parent.sub`, and a subcategory without a department takes its parent's; the result must
 * pass `validateTaxonomy` (unique codes, the fallback category). Throws an error naming `file` and
 * the path of every problem otherwise (paths of the file's own tree for the schema, of the
 * flattened categories for the taxonomy).
 */
export function loadTaxonomyPack(data: unknown, file: string): Taxonomy {
  const { pack, categories } = checkedData<TaxonomyPackFile>(data, schema, file);
  const flat: Category[] = [];
  for (const { subcategories = [], ...top } of categories) {
    flat.push(top);
    for (const sub of subcategories)
      flat.push({
        code: `${top.code}.${sub.code}`,
        parent: top.code,
        name: sub.name,
        keywords: sub.keywords,
        departmentId: sub.departmentId ?? top.departmentId,
      });
  }
  const taxonomy: Taxonomy = { version: 1, pack, categories: flat };
  const problems = validateTaxonomy(taxonomy);
  if (problems.length > 0)
    throw new Error(
      `${file} is not a valid taxonomy:\n${problems.map((p) => `- ${p.path}: ${p.message}`).join('\n')}`,
    );
  return taxonomy;
}
