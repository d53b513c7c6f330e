import { currentCfpbProduct, readCfpbCsv, readTabSeparated } from './datasets';

describe('readTabSeparated', () => {
  it('splits each line on its last tab, so the text may hold tabs', () => {
    const content = '客户反映\t话费多扣\t费用问题\r\nplain text\tnetwork\n';
    expect(readTabSeparated(content)).toEqual({
      examples: [
        { text: '客户反映\t话费多扣', label: '费用问题' },
        { text: 'plain text', label: 'network' },
      ],
      skipped: 0,
    });
  });

  it('ignores blank lines and skips lines without a tab, a text or a label', () => {
    const content = '\uFEFF信号差\t网络问题\n\nno tab here\n\t服务问题\n只有文本\t\n';
    expect(readTabSeparated(content)).toEqual({
      examples: [{ text: '信号差', label: '网络问题' }],
      skipped: 3,
    });
  });
});

const HEADER =
  'Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,' +
  'Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,' +
  'Company response to consumer,Timely response?,Consumer disputed?,Complaint ID';

const row = (product: string, subProduct: string, issue: string, narrative: string, id: number): string =>
  `2016/11/17,${product},${subProduct},${issue},,${narrative},,Acme,NJ,088XX,,Consent provided,Web,2016/11/25,` +
  `Closed with explanation,Yes,No,${id}`;

const CSV = [
  HEADER,
  row(
    'Debt collection',
    'Medical',
    'Communication tactics',
    '"They called me XXXX times.\nThen again, at night."',
    1,
  ),
  row('Credit card', '', 'Billing disputes', 'I was charged twice on XX/XX/XXXX', 2),
  row('Consumer Loan', 'Vehicle loan', 'Managing the loan', 'The dealer lost my title', 3),
  row('Consumer Loan', 'Installment loan', 'Payment', 'My installment loan payment vanished', 4),
  row('Payday loan', '', 'Charged fees', '"Fees of {$30.00}, ""unexpected"""', 5),
  row('Bank account or service', 'Checking account', 'Deposits', 'Deposit never posted', 6),
  row('Mortgage', 'FHA mortgage', 'Escrow', '', 7),
].join('\n');

describe('readCfpbCsv', () => {
  it('reads quoted fields with newlines, commas and doubled quotes, and skips rows without a narrative', () => {
    const { examples, skipped } = readCfpbCsv(CSV, { label: 'Product' });
    expect(skipped).toBe(1);
    expect(examples).toHaveLength(6);
    expect(examples[0]).toEqual({
      text: 'They called me XXXX times.\nThen again, at night.',
      label: 'Debt collection',
    });
    expect(examples[4]!.text).toBe('Fees of {$30.00}, "unexpected"');
  });

  it('folds legacy product names into the current ones', () => {
    expect(readCfpbCsv(CSV, { label: 'Product' }).examples.map((e) => e.label)).toEqual([
      'Debt collection',
      'Credit card or prepaid card',
      'Vehicle loan or lease',
      'Payday loan, title loan, or personal loan',
      'Payday loan, title loan, or personal loan',
      'Checking or savings account',
    ]);
  });

  it('labels by the chosen column, unfolded', () => {
    expect(readCfpbCsv(CSV, { label: 'Issue' }).examples.map((e) => e.label)).toEqual([
      'Communication tactics',
      'Billing disputes',
      'Managing the loan',
      'Payment',
      'Charged fees',
      'Deposits',
    ]);
  });

  it('names a label column that the file does not have', () => {
    expect(() => readCfpbCsv(CSV, { label: 'Category' })).toThrow(/no column "Category" in the CSV/);
    expect(() => readCfpbCsv('a,b\n1,2\n', { label: 'a' })).toThrow(
      /no column "Consumer complaint narrative"/,
    );
  });

  it('keeps current product names as they are', () => {
    expect(currentCfpbProduct('Mortgage')).toBe('Mortgage');
    expect(currentCfpbProduct('Consumer Loan', 'Vehicle lease')).toBe('Vehicle loan or lease');
    expect(currentCfpbProduct('Credit reporting')).toBe(
      'Credit reporting, credit repair services, or other personal consumer reports',
    );
  });
});
