package dev.switchback.messaging.spi;

import dev.switchback.messaging.Messaging;
import dev.switchback.spi.AdapterProvider;

/**
 * Makes {@link Messaging} backends; register implementations in
 * {@code META-INF/services/dev.switchback.messaging.spi.MessagingProvider}.
 */
public interface MessagingProvider extends AdapterProvider<Messaging> {}
