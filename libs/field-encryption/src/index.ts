export * from './keyring';
export * from './field.cipher';
export * from './field-encryption.errors';
