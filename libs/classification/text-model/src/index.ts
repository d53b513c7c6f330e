// The text model: features, vectoriser, linear models, calibration, cross-validation, datasets and
// metrics — machine learning over labeled texts, with no knowledge of complaints, rules or taxonomies.
export * from './calibration';
export * from './classifier';
export * from './classifier-options';
export * from './cross-validation';
export * from './datasets';
export * from './fitting';
export * from './labeled-text';
export * from './linear-models';
export * from './linear-svm';
export * from './metrics';
export * from './near-duplicates';
export * from './naive-bayes';
export * from './random';
export * from './softmax-regression';
export * from './text-features';
export * from './vectoriser';
