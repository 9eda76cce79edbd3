export * from './body-depth.pipe';
export * from './error-codes';
export * from './exception.filter';
export * from './http-app';
export * from './json-logger';
export * from './validation';
export * from './uuid-param.pipe';
export * from './validators';
