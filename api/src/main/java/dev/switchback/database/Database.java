package dev.switchback.database;

import dev.switchback.AsyncCloseable;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * SQL against a Postgres-compatible engine.
 *
 * <p><b>Guarantees.</b> {@link #execute} outside a transaction is committed when its stage
 * completes normally. {@link #inTransaction} commits only if {@code work}'s stage completes
 * normally and rolls back otherwise; a transaction cut by a connection failure is never
 * partially committed.
 *
 * <p><b>Threads.</b> Thread safe; connections are pooled.
 */
public interface Database extends SqlClient, AsyncCloseable {

  /**
   * Runs {@code work} in one transaction on one connection. The {@link SqlClient} given to
   * {@code work} is valid only until its stage completes.
   */
  <T> CompletionStage<T> inTransaction(Function<SqlClient, CompletionStage<T>> work);

  /** Settings for an ORM (Hibernate Reactive) to open its own connections. */
  ConnectionSettings connectionSettings();
}
