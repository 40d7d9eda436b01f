export * from './context';
export * from './format';
export { renderTemplate, parseHeader, LetterTemplateError, type LetterBlock, type LetterDocument } from './template-engine';
export * from './template-loader';
export * from './case-letters';
export * from './step-letters';
