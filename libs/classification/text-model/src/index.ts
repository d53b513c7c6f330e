// The text model: features, vectoriser, linear models, calibration, cross-validation, datasets and
// metrics — machine learning over labeled texts, with no knowledge of complaints, rules or taxonomies.
export * from './classifier';
export * from './cross-validation';
export * from './datasets';
export * from './linear-models';
export * from './metrics';
export * from './random';
export * from './text-features';
export * from './vectoriser';
