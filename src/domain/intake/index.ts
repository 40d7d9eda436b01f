export * from './identity';
export * from './receipt-date';
export * from './sensitive-data';
export * from './validation';
