import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { CyclesConfig } from '../cycles.config';

/** The Temporal client, injected by its class; connected once at start-up. */
export const temporalClientProvider: Provider = {
  provide: Client,
  inject: [CyclesConfig],
  useFactory: async (config: CyclesConfig): Promise<Client> => {
    const connection = await Connection.connect({ address: config.temporalAddress });
    return new Client({ connection, namespace: config.temporalNamespace });
  },
};

@Injectable()
export class TemporalClientCloser implements OnApplicationShutdown {
  constructor(private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
