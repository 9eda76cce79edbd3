export * from './import-document';
export * from './directory-views';
