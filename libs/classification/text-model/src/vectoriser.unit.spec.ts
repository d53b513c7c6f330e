import { Vectoriser } from './vectoriser';

describe('Vectoriser', () => {
  const documents = [['a', 'b', 'u:x'], ['a', 'u:y'], ['b']];

  it('l2-normalises tf-idf vectors as a whole without blocks', () => {
    const v = Vectoriser.fit(documents, { weighting: 'tfidf', sublinearTf: true, minDf: 1 });
    const x = v.transform(['a', 'b', 'u:x']);
    expect(x.values.reduce((s, value) => s + value * value, 0)).toBeCloseTo(1);
  });

  it('normalises each block on its own and scales it by its weight', () => {
    const v = Vectoriser.fit(documents, {
      weighting: 'tfidf',
      sublinearTf: true,
      minDf: 1,
      blockWeights: { 'u:': 0.5 },
    });
    const x = v.transform(['a', 'b', 'u:x', 'u:y']);
    const terms = v.state.terms;
    let main = 0;
    let block = 0;
    x.indices.forEach((i, k) => {
      if (terms[i]!.startsWith('u:')) block += x.values[k]! ** 2;
      else main += x.values[k]! ** 2;
    });
    expect(Math.sqrt(main)).toBeCloseTo(1);
    expect(Math.sqrt(block)).toBeCloseTo(0.5);
    // A stored state keeps its blocks.
    expect(Vectoriser.fromState(v.state).transform(['u:x']).values[0]).toBeCloseTo(0.5);
  });
});
