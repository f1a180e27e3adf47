package dev.switchback.database;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs SQL with bound parameters. Parameters are always bound by the driver, never spliced into
 * the text; placeholders are {@code $1, $2, ...} as in Postgres. A parameter count that differs
 * from the placeholders fails the stage with {@link dev.switchback.InvalidInputException} before
 * anything is sent.
 */
public interface SqlClient {

  /** Runs a statement that returns rows. */
  CompletionStage<List<Row>> query(String sql, List<?> parameters);

  /** Runs a statement that changes rows; completes with the number of rows affected. */
  CompletionStage<Long> execute(String sql, List<?> parameters);
}
