package dev.switchback.tracing.spi;

import dev.switchback.spi.AdapterProvider;

/**
 * Makes {@link TracingBackend} backends; register implementations in
 * {@code META-INF/services/dev.switchback.tracing.spi.TracingProvider}.
 */
public interface TracingProvider extends AdapterProvider<TracingBackend> {}
