import type { Provider, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyVerifier, AuthGuard, AuthSettings, PersonTokenScope } from '@dutychain/auth';
import { OrgDirectoryClient } from './org-directory.client';
import { OrgIntrospectionVerifier, OrgTokenIntrospection } from './org-introspection.verifier';
import { OrgDirectorySettings, TemporalConnectionSettings } from './service-settings';
import { TemporalClientCloser, temporalClientProvider } from './temporal-client.provider';

type ServiceSettings = AuthSettings & OrgDirectorySettings & TemporalConnectionSettings;

/**
 * What every service beside org wires the same way: its validated config under its own class and
 * the shared settings tokens, callers authenticated by the org directory's API keys and a global
 * guard, the org directory client, and one Temporal client closed at shutdown.
 */
export function directoryServiceProviders<C extends ServiceSettings>(
  configClass: Type<C>,
  config: C,
): Provider[] {
  return [
    { provide: configClass, useValue: config },
    { provide: AuthSettings, useExisting: configClass },
    { provide: OrgDirectorySettings, useExisting: configClass },
    { provide: TemporalConnectionSettings, useExisting: configClass },
    { provide: ApiKeyVerifier, useClass: OrgIntrospectionVerifier },
    { provide: PersonTokenScope, useClass: OrgTokenIntrospection },
    { provide: APP_GUARD, useClass: AuthGuard },
    temporalClientProvider,
    TemporalClientCloser,
    OrgDirectoryClient,
  ];
}
