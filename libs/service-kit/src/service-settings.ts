/**
 * What the shared service parts need from a service's configuration. Each service's config class
 * is provided under these class tokens (`useExisting`), so nothing here knows which service it is in.
 */
export abstract class OrgDirectorySettings {
  /** Base URL of the org directory service. */
  abstract readonly orgUrl: string;
  /** This service's own API key for the org directory. */
  abstract readonly serviceApiKey: string;
  /** How long a checked API key is trusted before the org directory is asked again. */
  abstract readonly apiKeyCacheMs: number;
}

export abstract class TemporalConnectionSettings {
  abstract readonly temporalAddress: string;
  abstract readonly temporalNamespace: string;
}
