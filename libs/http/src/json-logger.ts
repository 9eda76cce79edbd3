import type { LoggerService, LogLevel } from '@nestjs/common';

const LEVEL_ORDER: Record<string, number> = {
  debug: 10,
  verbose: 10,
  log: 20,
  info: 20,
  warn: 30,
  error: 40,
  fatal: 50,
};

/** One JSON object per line on stdout, so log shippers can index service, level and ids. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly minimumLevel: 'debug' | 'info' | 'warn' | 'error' = 'info',
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  setLogLevels(_levels: LogLevel[]): void {
    // The minimum level comes from LOG_LEVEL at start-up.
  }

  private write(level: string, message: unknown, rest: unknown[]): void {
    if ((LEVEL_ORDER[level] ?? 20) < (LEVEL_ORDER[this.minimumLevel] ?? 20)) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const fields =
      message instanceof Error
        ? { msg: message.message, stack: message.stack }
        : typeof message === 'object' && message !== null
          ? (message as Record<string, unknown>)
          : {
              msg: String(message),
              ...(level === 'error' && typeof rest[0] === 'string' && rest.length > 1 && { stack: rest[0] }),
            };
    const line = { time: new Date().toISOString(), level, service: this.service, context, ...fields };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
