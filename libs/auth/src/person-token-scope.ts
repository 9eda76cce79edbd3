import type { Caller } from './caller';

/**
 * A person's token is signed once but its scope is the directory's, now: the guiding links of its
 * unit, and whether its person still belongs there, are looked up again (each service may trust an
 * answer for as long as it trusts a checked API key). `undefined` refuses the token.
 */
export abstract class PersonTokenScope {
  abstract current(claimed: Caller, token: string): Promise<Caller | undefined>;
}
