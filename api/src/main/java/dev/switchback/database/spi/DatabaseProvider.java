package dev.switchback.database.spi;

import dev.switchback.database.Database;
import dev.switchback.spi.AdapterProvider;

/**
 * Makes {@link Database} backends; register implementations in
 * {@code META-INF/services/dev.switchback.database.spi.DatabaseProvider}.
 */
public interface DatabaseProvider extends AdapterProvider<Database> {}
