export * from './identity';
export * from './pdf-signature';
