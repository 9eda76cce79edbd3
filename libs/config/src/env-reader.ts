/**
 * Reads environment variables into typed values, collecting every problem so that start-up
 * fails once with a message naming each bad variable and its rule.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env = process.env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is required`);
    return '';
  }

  optionalString(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value)) {
      this.problems.push(`${name} must be an integer (got "${raw}")`);
      return fallback;
    }
    if (range.min !== undefined && value < range.min)
      this.problems.push(`${name} must be >= ${range.min} (got ${value})`);
    if (range.max !== undefined && value > range.max)
      this.problems.push(`${name} must be <= ${range.max} (got ${value})`);
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  url(name: string, fallback: string, protocols: readonly string[]): string {
    const raw = this.string(name, fallback);
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
    } catch {
      this.problems.push(`${name} must be a URL`);
    }
    return raw;
  }

  secret(name: string, fallback: string | undefined, minLength: number): string {
    const value = this.string(name, fallback);
    if (value.length > 0 && value.length < minLength)
      this.problems.push(`${name} must be at least ${minLength} characters`);
    return value;
  }

  /** Records a rule that spans more than one variable or needs a custom check. */
  require(condition: boolean, problem: string): void {
    if (!condition) this.problems.push(problem);
  }

  /** Throws one ConfigError listing every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError([...this.problems]);
  }
}
