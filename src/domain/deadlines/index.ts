export * from './clock';
export * from './periods';
