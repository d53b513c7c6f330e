import type { ClassifierModelJson } from '@kesu/classification-text-model';

/**
 * How a text model is stored: its JSON with the weights (and the vocabulary's idf) as little-endian
 * float32 in base64 instead of decimal numbers — about a quarter of the size; float32 keeps 7
 * significant digits, far more than the predictions depend on — cut into parts small enough for
 * any document store (MongoDB's documents end at 16 MB).
 */
export interface CompactModelJson extends Omit<ClassifierModelJson, 'weights' | 'vectoriser'> {
  readonly encoding: 'float32-base64';
  readonly vectoriser: Omit<ClassifierModelJson['vectoriser'], 'idf'> & { readonly idf: string };
  /** Every label's row of weights, one after the other (labels × terms). */
  readonly weights: string;
}

/** Characters per part: at most 3 bytes each in UTF-8 (a surrogate pair is 2 characters, 4 bytes). */
export const MAX_PART_CHARS = 1_000_000;

const toBase64 = (values: ArrayLike<number>) => {
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
};

const fromBase64 = (data: string): Float32Array => {
  const bytes = Buffer.from(data, 'base64');
  // Copied: a Float32Array needs a 4-byte aligned offset, which Buffer's pool does not promise.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

export function compactModel(model: ClassifierModelJson): CompactModelJson {
  const { weights, vectoriser, ...rest } = model;
  return {
    ...rest,
    encoding: 'float32-base64',
    vectoriser: { ...vectoriser, idf: toBase64(vectoriser.idf) },
    weights: toBase64(weights.flat()),
  };
}

export function expandModel(compact: CompactModelJson): ClassifierModelJson {
  const { encoding, weights, vectoriser, ...rest } = compact;
  if (encoding !== 'float32-base64') throw new Error(`unknown model encoding ${String(encoding)}`);
  const dimensions = vectoriser.terms.length;
  const flat = fromBase64(weights);
  if (flat.length !== compact.labels.length * dimensions) {
    throw new Error(`stored weights: ${flat.length} values for ${compact.labels.length} × ${dimensions}`);
  }
  return {
    ...rest,
    vectoriser: { ...vectoriser, idf: Array.from(fromBase64(vectoriser.idf)) },
    weights: compact.labels.map((_, k) => Array.from(flat.subarray(k * dimensions, (k + 1) * dimensions))),
  };
}

/** Cuts a text into parts of at most `maxChars` characters, never between a surrogate pair. */
export function splitText(text: string, maxChars = MAX_PART_CHARS): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + maxChars, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end = end - 1 > start ? end - 1 : end + 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts.length > 0 ? parts : [''];
}
