export * from './cycles-worker';
