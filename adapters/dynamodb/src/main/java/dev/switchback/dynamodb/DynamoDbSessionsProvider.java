package dev.switchback.dynamodb;

import dev.switchback.ConfigurationException;
import dev.switchback.dynamodb.internal.ConfiguredTable;
import dev.switchback.dynamodb.internal.SessionItems;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.sessions.spi.SessionsProvider;
import dev.switchback.spi.ProviderContext;
import java.util.Optional;

/**
 * Makes {@link DynamoDbSessions} for {@code switchback.sessions.backend=dynamodb}, configured by
 * {@link DynamoDbSessionsConfig} and {@code switchback.aws.*}.
 */
public final class DynamoDbSessionsProvider implements SessionsProvider {

  /** The backend name: {@code dynamodb}. */
  public static final String NAME = "dynamodb";

  /** Called by {@link java.util.ServiceLoader}. */
  public DynamoDbSessionsProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(DynamoDbSessionsConfig.class);
  }

  /**
   * A store on the configured table; creates the table first if {@code create-table=true}.
   *
   * @throws ConfigurationException naming the key of a bad setting
   */
  @Override
  public SessionStore create(ProviderContext context) {
    return DynamoDbSessions.on(ConfiguredTable.open(context,
        context.config(DynamoDbSessionsConfig.class), DynamoDbSessionsConfig.PREFIX,
        SessionItems.RESERVED));
  }
}
