export * from './letter-pdf-renderer';
