package dev.switchback.auth.spi;

import dev.switchback.auth.Auth;
import dev.switchback.spi.AdapterProvider;

/**
 * Makes {@link Auth} backends; register implementations in
 * {@code META-INF/services/dev.switchback.auth.spi.AuthProvider}.
 */
public interface AuthProvider extends AdapterProvider<Auth> {}
