package dev.switchback.msk;

import static java.util.Objects.requireNonNull;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.BackendUnavailableException;
import dev.switchback.kafka.KafkaMessaging;
import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.messaging.Subscription;
import dev.switchback.spi.Pingable;
import dev.switchback.spi.support.Causes;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The Kafka adapter's messaging on an MSK cluster, saying what went wrong when the cluster
 * refuses the client: a publish that failed because the TLS handshake failed fails with {@link
 * BackendUnavailableException} (nothing is ever sent in plaintext), one whose SASL login was
 * refused with {@link AuthenticationFailedException} naming who logged in; after a refused SCRAM
 * login the secret is read again by the next login, as it may have been rotated. The Kafka
 * adapter's abilities pass through ({@link MessagingLag}, whose failures are translated the same
 * way). Everything else is the Kafka adapter's, unchanged.
 *
 * <p>A Kafka producer whose logins start being refused (a rotated password, say) does not fail
 * the records it holds: they wait out the delivery timeout. So a publish or lag read that timed
 * out is followed by one login check (one at a time, however many time out together), and fails
 * with {@link AuthenticationFailedException} when that login is refused, else with its timeout.
 *
 * <p>{@link #open} logs in once before it builds the Kafka clients, and fails there if the
 * cluster refuses the TLS handshake or the login: a Kafka producer whose very first login was
 * refused never recovers (its idempotent producer id is never obtained, and every later record
 * expires after the delivery timeout, even once the credentials are right), so a wrong password
 * or trust store must stop the start rather than leave a producer that cannot publish.
 *
 * <p>Thread safe. {@link #toString()} names the cluster and the identity, never a secret.
 */
public final class MskMessaging implements Messaging, Pingable {
  private static final int MAX_DETAIL = 300;

  private final Messaging kafka;
  private final MskSecurity security;
  private final Duration requestTimeout;
  private final ThreadPoolExecutor loginChecks;
  private final Object loginCheckLock = new Object();
  private CompletableFuture<Optional<AuthenticationException>> loginCheck =
      CompletableFuture.completedFuture(Optional.empty());

  private MskMessaging(Messaging kafka, MskSecurity security, Duration requestTimeout) {
    this.kafka = kafka;
    this.security = security;
    this.requestTimeout = requestTimeout;
    // One thread at most, only while a check runs.
    this.loginChecks = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), task -> {
          Thread thread = new Thread(task, "switchback-msk-login-check");
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Logs in to the cluster once with an admin client ({@code DescribeCluster}, waiting at most
   * {@code settings.requestTimeout()}), then builds the Kafka adapter's messaging on {@code
   * security}'s connection. A cluster that cannot be reached in that time is not an error here
   * (the clients keep trying in the background, as the Kafka adapter's do); a refusal is.
   *
   * @throws AuthenticationFailedException if the cluster refused the login, naming who logged in
   *     and never a secret
   * @throws BackendUnavailableException if the TLS handshake failed
   */
  public static MskMessaging open(
      MskSecurity security, KafkaMessagingSettings settings, OpenTelemetry openTelemetry) {
    requireNonNull(security, "security");
    requireNonNull(settings, "settings");
    requireNonNull(openTelemetry, "openTelemetry");
    LoginCheck.run(security, settings.requestTimeout());
    return new MskMessaging(KafkaMessaging.builder(security.connection())
        .settings(settings)
        .openTelemetry(openTelemetry)
        .build(), security, settings.requestTimeout());
  }

  @Override
  public CompletionStage<Void> publish(String topic, Message message) {
    return translated(kafka.publish(topic, message), "publish to " + topic);
  }

  /**
   * One round trip to the cluster through the Kafka adapter's admin client (the readiness
   * check's ping), its refusals translated as a publish's are.
   */
  @Override
  public CompletionStage<Void> ping() {
    return kafka instanceof Pingable pingable
        ? translated(pingable.ping(), "ping")
        : CompletableFuture.completedFuture(null);
  }

  @Override
  public Subscription subscribe(String topic, String group, MessageHandler handler) {
    return kafka.subscribe(topic, group, handler);
  }

  @Override
  public Set<MessagingFeature> features() {
    return kafka.features();
  }

  /**
   * The Kafka adapter's ability {@code type} when it offers it; {@link MessagingLag} with MSK's
   * refusals (TLS, login) translated as for a publish.
   */
  @Override
  public <T> Optional<T> ability(Class<T> type) {
    Optional<T> offered = kafka.ability(type);
    if (type != MessagingLag.class) {
      return offered;
    }
    return offered.map(ability -> type.cast(new TranslatedLag((MessagingLag) ability)));
  }

  private <T> CompletionStage<T> translated(CompletionStage<T> stage, String what) {
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete((done, failure) -> {
      if (failure == null) {
        result.complete(done);
      } else if (Causes.find(failure, TimeoutException.class) == null) {
        result.completeExceptionally(translate(security, what, failure));
      } else {
        checkLogin().whenComplete((refused, checkFailure) -> {
          if (refused != null && refused.isPresent()) {
            Throwable refusal = translate(security, what, refused.get());
            refusal.addSuppressed(Causes.unwrap(failure));
            result.completeExceptionally(refusal);
          } else {
            result.completeExceptionally(translate(security, what, failure));
          }
        });
      }
    });
    return result;
  }

  /** The running login check, or a new one when none runs. */
  private CompletableFuture<Optional<AuthenticationException>> checkLogin() {
    synchronized (loginCheckLock) {
      if (loginCheck.isDone()) {
        try {
          loginCheck = CompletableFuture.supplyAsync(
              () -> LoginCheck.refusal(security, requestTimeout), loginChecks);
        } catch (RejectedExecutionException closed) {
          return CompletableFuture.completedFuture(Optional.empty());
        }
      }
      return loginCheck;
    }
  }

  /** The Kafka adapter's lag, failing as this class's publishes do. */
  private final class TranslatedLag implements MessagingLag {
    private final MessagingLag kafkaLag;

    TranslatedLag(MessagingLag kafkaLag) {
      this.kafkaLag = kafkaLag;
    }

    @Override
    public CompletionStage<Map<Integer, Long>> lag(String topic, String group) {
      return translated(kafkaLag.lag(topic, group),
          "reading the lag of group " + group + " on topic " + topic);
    }
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    loginChecks.shutdown();
    return kafka.closeAsync();
  }

  @Override
  public void close() {
    loginChecks.shutdown();
    kafka.close();
  }

  /**
   * {@code failure} of {@code what} on {@code security}'s cluster, as MSK's refusal when it is
   * one (marking a SCRAM secret's copy stale); else the failure under its future's wrappers.
   */
  static Throwable translate(MskSecurity security, String what, Throwable failure) {
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
