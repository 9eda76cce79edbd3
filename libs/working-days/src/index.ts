export * from './working-day-calendar';
export * from './china-calendar';
export * from './working-days';
export * from './notice-timeline';
