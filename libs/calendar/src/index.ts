export * from './phases';
export * from './calendar-config';
export * from './cycle-calendar';
export * from './timeline';
