package dev.switchback.msk;

import static java.util.Objects.requireNonNull;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.BackendUnavailableException;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.Subscription;
import dev.switchback.spi.support.Causes;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * The Kafka adapter's messaging on an MSK cluster, saying what went wrong when the cluster
 * refuses the client: a publish that failed because the TLS handshake failed fails with {@link
 * BackendUnavailableException} (nothing is ever sent in plaintext), one whose SASL login was
 * refused with {@link AuthenticationFailedException} naming who logged in; after a refused SCRAM
 * login the secret is read again by the next login, as it may have been rotated. Everything else
 * is the Kafka adapter's, unchanged.
 *
 * <p>Thread safe. {@link #toString()} names the cluster and the identity, never a secret.
 */
public final class MskMessaging implements Messaging {
  private static final int MAX_DETAIL = 300;

  private final Messaging kafka;
  private final MskSecurity security;

  /** {@code kafka}, a Kafka messaging on {@code security}'s connection. */
  public MskMessaging(Messaging kafka, MskSecurity security) {
    this.kafka = requireNonNull(kafka, "kafka");
    this.security = requireNonNull(security, "security");
  }

  @Override
  public CompletionStage<Void> publish(String topic, Message message) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    kafka.publish(topic, message).whenComplete((done, failure) -> {
      if (failure == null) {
        result.complete(done);
      } else {
        result.completeExceptionally(translate("publish to " + topic, failure));
      }
    });
    return result;
  }

  @Override
  public Subscription subscribe(String topic, String group, MessageHandler handler) {
    return kafka.subscribe(topic, group, handler);
  }

  @Override
  public Set<MessagingFeature> features() {
    return kafka.features();
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    return kafka.closeAsync();
  }

  @Override
  public void close() {
    kafka.close();
  }

  /** {@code failure} of {@code what}, as MSK's refusal when it is one; else as it is. */
  Throwable translate(String what, Throwable failure) {
    Throwable cause = Causes.unwrap(failure);
    SslAuthenticationException tls = Causes.find(cause, SslAuthenticationException.class);
    if (tls != null) {
      return new BackendUnavailableException(what + " failed: the TLS handshake with MSK at "
          + security.settings().bootstrapServers() + " failed, so nothing was sent (there is no"
          + " plaintext fallback); the broker's certificate must chain to a trusted authority"
          + " (the JVM's, or tls.ca-file) and name the broker's host (" + detail(tls) + ")",
          failure);
    }
    AuthenticationException refused = Causes.find(cause, AuthenticationException.class);
    if (refused != null) {
      security.scramSecret().ifPresent(ScramSecret::invalidate);
      return new AuthenticationFailedException(what + " failed: MSK at "
          + security.settings().bootstrapServers() + " refused the login of "
          + security.identity() + " (" + detail(refused) + ")", failure);
    }
    return cause;
  }

  // Kafka's messages about refused logins name the mechanism and the broker, never a password.
  private static String detail(Throwable failure) {
    return Causes.summary(failure, MAX_DETAIL);
  }

  @Override
  public String toString() {
    return "MskMessaging[" + security + "]";
  }
}
