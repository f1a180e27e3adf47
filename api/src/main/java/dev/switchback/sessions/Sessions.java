package dev.switchback.sessions;

import dev.switchback.AsyncCloseable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Server-side sessions with optimistic concurrency and sliding expiry.
 *
 * <p><b>Guarantees.</b> Reads are strongly consistent: a {@code get} after a completed write sees
 * that write or a newer one. An expired session is absent from every operation even where the
 * store has not purged it yet. {@link #update} succeeds only if the stored version equals the
 * expected one, so two writers starting from the same version never both succeed: exactly one
 * gets a {@link dev.switchback.ConflictException}, and no field written by the winner is lost.
 *
 * <p><b>Input.</b> {@code null} or empty ids and subjects, non-positive TTLs, and sessions larger
 * than the backend accepts fail the stage with {@link dev.switchback.InvalidInputException} (or
 * {@link dev.switchback.TooLargeException}) and write nothing.
 *
 * <p><b>Threads.</b> Implementations are thread safe; stages may complete on I/O threads.
 */
public interface Sessions extends AsyncCloseable {

  /** Creates a session with a new random id, version 1, expiring after {@code ttl}. */
  CompletionStage<Session> create(String subject, Map<String, String> attributes, Duration ttl);

  /** The session, or empty if it does not exist or has expired. */
  CompletionStage<Optional<Session>> get(String id);

  /**
   * Replaces the attributes of session {@code id} if its version is {@code expectedVersion},
   * giving it the next version and renewing its expiry.
   *
   * @return the updated session, or empty if the session does not exist or has expired
   * @throws dev.switchback.ConflictException (in the stage) if the version differs
   */
  CompletionStage<Optional<Session>> update(
      String id, long expectedVersion, Map<String, String> attributes);

  /**
   * Renews the expiry of session {@code id} to now plus its TTL, without changing its version.
   *
   * @return the renewed session, or empty if it does not exist or has expired
   */
  CompletionStage<Optional<Session>> touch(String id);

  /** Deletes session {@code id}; completes with {@code true} if a live session was deleted. */
  CompletionStage<Boolean> delete(String id);
}
