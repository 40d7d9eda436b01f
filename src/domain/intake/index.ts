export * from './identity';
export * from './receipt-date';
export * from './validation';
