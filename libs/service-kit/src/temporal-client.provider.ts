import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { TemporalConnectionSettings } from './service-settings';

/** The Temporal client, injected by its class; connected once at start-up. */
export const temporalClientProvider: Provider = {
  provide: Client,
  inject: [TemporalConnectionSettings],
  useFactory: async (settings: TemporalConnectionSettings): Promise<Client> => {
    const connection = await Connection.connect({ address: settings.temporalAddress });
    return new Client({ connection, namespace: settings.temporalNamespace });
  },
};

@Injectable()
export class TemporalClientCloser implements OnApplicationShutdown {
  constructor(private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
