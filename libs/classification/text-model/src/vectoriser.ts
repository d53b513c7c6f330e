/** A sparse vector: parallel arrays of feature indices and their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** How a term's count in a text becomes its value. */
export type TermWeighting = 'count' | 'tfidf';

export interface VectoriserOptions {
  weighting: TermWeighting;
  /** tf-idf only: 1 + ln(tf) instead of tf. */
  sublinearTf: boolean;
  /** A term must occur in at least this many training texts to be kept. */
  minDf: number;
  /**
   * tf-idf only: feature blocks by term prefix, each l2-normalised on its own and scaled by its
   * weight (the terms of no block form the main block, weight 1), so that a block of many small
   * features (Han unigrams) neither drowns the rest nor is drowned by it.
   */
  blockWeights?: Readonly<Record<string, number>>;
}

/** The fitted state of a vectoriser, as stored in a model. */
export interface VectoriserState {
  readonly options: VectoriserOptions;
  /** The kept terms; a term's position is its feature index. */
  readonly terms: readonly string[];
  /** tf-idf only: each term's inverse document frequency (smoothed: ln((1+n)/(1+df)) + 1). */
  readonly idf: readonly number[];
}

/** Turns feature lists into vectors over a vocabulary learned from training texts. */
export class Vectoriser {
  private readonly index = new Map<string, number>();
  /** Per term, its block (0: main) and per block its weight. */
  private readonly block: Uint8Array;
  private readonly blockWeight: number[];

  private constructor(readonly state: VectoriserState) {
    state.terms.forEach((term, i) => this.index.set(term, i));
    const blocks = Object.entries(state.options.blockWeights ?? {});
    this.blockWeight = [1, ...blocks.map(([, weight]) => weight)];
    this.block = Uint8Array.from(state.terms, (term) => {
      const b = blocks.findIndex(([prefix]) => term.startsWith(prefix));
      return b + 1;
    });
  }

  get size(): number {
    return this.state.terms.length;
  }

  static fit(documents: readonly (readonly string[])[], options: VectoriserOptions): Vectoriser {
    const df = new Map<string, number>();
    for (const features of documents) {
      for (const term of new Set(features)) df.set(term, (df.get(term) ?? 0) + 1);
    }
    // Sorted, so the same texts in any order give the same model.
    const terms = [...df.entries()]
      .filter(([, count]) => count >= options.minDf)
      .map(([term]) => term)
      .sort();
    const n = documents.length;
    const idf =
      options.weighting === 'tfidf' ? terms.map((t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1) : [];
    return new Vectoriser({ options: { ...options }, terms, idf });
  }

  static fromState(state: VectoriserState): Vectoriser {
    return new Vectoriser(state);
  }

  /** The vector of one text's features: counts, or l2-normalised tf-idf. Unknown terms are ignored. */
  transform(features: readonly string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const term of features) {
      const i = this.index.get(term);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = new Float64Array(indices.length);
    const { weighting, sublinearTf } = this.state.options;
    const norms = new Float64Array(this.blockWeight.length);
    indices.forEach((index, k) => {
      const tf = counts.get(index)!;
      const value =
        weighting === 'count' ? tf : (sublinearTf ? 1 + Math.log(tf) : tf) * this.state.idf[index]!;
      values[k] = value;
      norms[this.block[index]!] += value * value;
    });
    if (weighting === 'tfidf') {
      const scales = this.blockWeight.map((weight, b) => (norms[b]! > 0 ? weight / Math.sqrt(norms[b]!) : 0));
      indices.forEach((index, k) => (values[k]! *= scales[this.block[index]!]!));
    }
    return { indices, values };
  }
}
