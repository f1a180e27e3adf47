package dev.switchback.kafka.internal;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.BackendUnavailableException;
import dev.switchback.InvalidInputException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import dev.switchback.TooLargeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/** Turns the Kafka clients' exceptions into Switchback's at the adapter's boundary. */
public final class KafkaFailures {
  private KafkaFailures() {}

  /**
   * The Switchback exception for a failure of {@code what} (for example {@code publish to
   * orders}). {@code nothingSent} says the record never left the client, so a timeout means it
   * was not stored; otherwise a timeout leaves it unknown.
   */
  public static SwitchbackException translate(String what, Throwable failure, boolean nothingSent) {
    Throwable cause = unwrap(failure);
    if (cause instanceof SwitchbackException known) {
      return known;
    }
    if (cause instanceof RecordTooLargeException) {
      return new TooLargeException(what + " refused: the record is larger than the broker or"
          + " the producer accepts; nothing was stored", cause);
    }
    if (cause instanceof InvalidTopicException) {
      return new InvalidInputException(what + " refused: the broker rejects the topic name",
          cause);
    }
    if (cause instanceof TimeoutException) {
      return nothingSent
          ? new BackendUnavailableException(what + " failed: the topic's metadata or buffer"
              + " space was not available in time (is the cluster reachable and the topic"
              + " created?); nothing was sent", cause)
          : new OperationTimeoutException(what + " timed out without the broker's"
              + " acknowledgement; the message may have been stored", cause);
    }
    if (cause instanceof SslAuthenticationException) {
      return new BackendUnavailableException(what + " failed: the TLS handshake with the cluster"
          + " failed, so nothing was sent (" + cause.getClass().getSimpleName() + ")", cause);
    }
    if (cause instanceof AuthenticationException) {
      return new AuthenticationFailedException(what + " failed: the cluster refused the client's"
          + " login (" + cause.getClass().getSimpleName() + ")", cause);
    }
    if (cause instanceof AuthorizationException) {
      return new SwitchbackException(what + " failed: the cluster refused the client ("
          + cause.getClass().getSimpleName() + ")", cause);
    }
    if (cause instanceof RetriableException) {
      return new BackendUnavailableException(what + " failed: " + cause.getMessage(), cause);
    }
    if (cause instanceof IllegalStateException) {
      return new SwitchbackException(what + " failed: the client is closed", cause);
    }
    return new SwitchbackException(what + " failed: " + cause, cause);
  }

  /**
   * The Switchback exception for a failure of {@code what}, a read that was bounded by {@code
   * timeout}: a timeout is {@link OperationTimeoutException} (the cluster did not answer in time),
   * the rest as {@link #translate} with nothing sent.
   */
  public static SwitchbackException translateRead(
      String what, Throwable failure, Duration timeout) {
    Throwable cause = unwrap(failure);
    if (cause instanceof TimeoutException) {
      return new OperationTimeoutException(what + " failed: the cluster did not answer within "
          + timeout.toMillis() + " ms (request-timeout); is it reachable?", cause);
    }
    return translate(what, cause, true);
  }

  /** {@code failure} without the wrappers of futures and stages. */
  public static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
