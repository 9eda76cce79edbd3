export * from './start-child-cycles';
export * from './start-risk-lists';
