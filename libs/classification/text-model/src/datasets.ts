// Readers of labeled text files (their content, not the files: no I/O here) into training examples.
import { parse } from 'csv-parse/sync';
import type { LabeledText } from './labeled-text';

export interface Dataset {
  readonly examples: LabeledText[];
  /** Records left out: no text, no label, or no tab. */
  readonly skipped: number;
}

/** `text<TAB>label` per line, split on the last tab (the text may hold tabs); blank lines ignored. */
export function readTabSeparated(content: string): Dataset {
  const examples: LabeledText[] = [];
  let skipped = 0;
  for (const line of content.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const tab = line.lastIndexOf('\t');
    const text = tab < 0 ? '' : line.slice(0, tab).trim();
    const label = tab < 0 ? '' : line.slice(tab + 1).trim();
    if (text === '' || label === '') skipped += 1;
    else examples.push({ text, label });
  }
  return { examples, skipped };
}

export const CFPB_NARRATIVE = 'Consumer complaint narrative';

/**
 * Products the CFPB has since renamed or merged (April 2017), with the current product that took
 * them over. `Consumer Loan` split by sub-product: vehicle loans and leases went to their own
 * product, the rest to payday/title/personal loans.
 */
const LEGACY_PRODUCTS: Record<string, string> = {
  'Credit card': 'Credit card or prepaid card',
  'Prepaid card': 'Credit card or prepaid card',
  'Bank account or service': 'Checking or savings account',
  'Payday loan': 'Payday loan, title loan, or personal loan',
  'Consumer Loan': 'Payday loan, title loan, or personal loan',
  'Credit reporting': 'Credit reporting, credit repair services, or other personal consumer reports',
  'Money transfers': 'Money transfer, virtual currency, or money service',
  'Virtual currency': 'Money transfer, virtual currency, or money service',
};

/** The current product name for a CFPB product (legacy names folded into the ones that replaced them). */
export function currentCfpbProduct(product: string, subProduct = ''): string {
  if (product === 'Consumer Loan' && /^vehicle (loan|lease)/i.test(subProduct.trim())) {
    return 'Vehicle loan or lease';
  }
  return LEGACY_PRODUCTS[product] ?? product;
}

export interface CfpbOptions {
  /** The column whose value is the label: `Product`, `Issue`, … */
  label: string;
}

/**
 * The CFPB complaint export (CSV with a header row, quoted fields holding newlines): one example
 * per row with a narrative, labeled by the chosen column; legacy product names folded into the
 * current ones when the label is `Product`.
 */
export function readCfpbCsv(content: string, options: CfpbOptions): Dataset {
  const rows = parse(content, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Array<Record<string, string | undefined>>;
  const header = rows.length > 0 ? Object.keys(rows[0]!) : csvHeader(content);
  for (const column of [CFPB_NARRATIVE, options.label]) {
    if (!header.includes(column)) {
      throw new Error(`no column "${column}" in the CSV (columns: ${header.join(', ')})`);
    }
  }
  const examples: LabeledText[] = [];
  let skipped = 0;
  for (const row of rows) {
    const text = (row[CFPB_NARRATIVE] ?? '').trim();
    const raw = (row[options.label] ?? '').trim();
    const label = options.label === 'Product' ? currentCfpbProduct(raw, row['Sub-product'] ?? '') : raw;
    if (text === '' || label === '') skipped += 1;
    else examples.push({ text, label });
  }
  return { examples, skipped };
}

function csvHeader(content: string): string[] {
  const [header] = parse(content, { bom: true, to_line: 1, relax_column_count: true }) as string[][];
  return header ?? [];
}
