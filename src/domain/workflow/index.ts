export * from './types';
export * from './refusals';
export * from './rules';
export * from './machine';
export * from './case';
export * from './actions';
export * from './mermaid';
export * from './log';
