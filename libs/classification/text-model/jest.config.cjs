module.exports = require('../../../jest.preset.cjs')(__dirname, 'classification-text-model');
