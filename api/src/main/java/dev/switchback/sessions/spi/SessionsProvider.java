package dev.switchback.sessions.spi;

import dev.switchback.spi.AdapterProvider;

/**
 * Makes {@link SessionStore} backends; register implementations in
 * {@code META-INF/services/dev.switchback.sessions.spi.SessionsProvider}.
 */
public interface SessionsProvider extends AdapterProvider<SessionStore> {}
