export * from './letter-pdf-renderer';
export * from './fonts';
