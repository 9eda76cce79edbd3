export * from './cycles-worker';
export * from './start-child-cycles';
