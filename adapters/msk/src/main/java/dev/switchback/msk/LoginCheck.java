package dev.switchback.msk;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * One login to the cluster with a short-lived admin client: the check {@link MskMessaging#open}
 * makes before it builds the Kafka clients, and the question it asks when a publish timed out
 * (the Kafka producer lets a record wait out its delivery timeout while its logins are refused).
 */
final class LoginCheck {
  private static final System.Logger LOG = System.getLogger(MskMessaging.class.getName());
  private static final String CLIENT_ID = "switchback-msk-login-check";

  private LoginCheck() {}

  /**
   * Asks the cluster to describe itself within {@code timeout}.
   *
   * @throws dev.switchback.AuthenticationFailedException if the login was refused
   * @throws dev.switchback.BackendUnavailableException if the TLS handshake failed
   */
  static void run(MskSecurity security, Duration timeout) {
    Optional<AuthenticationException> refused = refusal(security, timeout);
    if (refused.isPresent()) {
      throw asRuntime(MskMessaging.translate(security, "the login check", refused.get()));
    }
  }

  /**
   * The cluster's refusal of a login made now, waiting at most {@code timeout}; empty when the
   * login was accepted or the cluster did not answer (which is logged, not thrown).
   */
  static Optional<AuthenticationException> refusal(MskSecurity security, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    try (Admin admin = security.connection().createAdmin(CLIENT_ID)) {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
          .clusterId().get(millis + 1_000L, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException refused) {
        return Optional.of(refused);
      }
      unreachable(security, e.getCause());
    } catch (TimeoutException e) {
      unreachable(security, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unreachable(security, e);
    }
    return Optional.empty();
  }

  private static void unreachable(MskSecurity security, Throwable failure) {
    LOG.log(Level.WARNING, () -> "MSK at " + security.settings().bootstrapServers() + " did not"
        + " answer the login check (" + failure.getClass().getSimpleName() + "); the clients"
        + " keep connecting in the background");
  }

  private static RuntimeException asRuntime(Throwable failure) {
    return failure instanceof RuntimeException runtime
        ? runtime : new IllegalStateException(failure);
  }
}
