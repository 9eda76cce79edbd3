let installing: Promise<void> | undefined;

/**
 * Temporal SDK logs at WARN (TEMPORAL_TEST_LOG_LEVEL=INFO shows them all), core logs at ERROR; once per
 * process, before the first worker or connection. The SDK is loaded here only, so suites without
 * Temporal do not pay for it.
 */
export function installQuietTemporalRuntime(): Promise<void> {
  installing ??= (async () => {
    const { DefaultLogger, Runtime } = await import('@temporalio/worker');
    Runtime.install({
      logger: new DefaultLogger(process.env['TEMPORAL_TEST_LOG_LEVEL'] === 'INFO' ? 'INFO' : 'WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
    });
  })();
  return installing;
}
