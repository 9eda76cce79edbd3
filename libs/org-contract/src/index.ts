export * from './import-document';
