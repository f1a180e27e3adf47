package dev.switchback.msk.sasl;

import dev.switchback.msk.ScramCredentials;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.scram.ScramExtensionsCallback;
import org.jspecify.annotations.Nullable;

/**
 * Hands each SCRAM handshake of a Kafka client the username and password of the moment, from a
 * {@code Supplier<ScramCredentials>} (a {@link dev.switchback.msk.ScramSecret}) put into the
 * client's configuration under {@link #CREDENTIALS_CONFIG}. Set as {@code
 * sasl.client.callback.handler.class}; Kafka makes one per client and configures it with the
 * client's settings.
 *
 * <p>Asking at every handshake, rather than putting the password into {@code sasl.jaas.config},
 * is what lets a running client log in with a rotated password: every new connection (and every
 * re-authentication) asks again, and the secret re-reads itself when its copy is stale. The
 * password also never sits in the client's configuration, which Kafka logs.
 */
public final class MskScramCallbackHandler implements AuthenticateCallbackHandler {

  /** The client configuration entry holding the {@code Supplier<ScramCredentials>}. */
  public static final String CREDENTIALS_CONFIG = "switchback.msk.scram.credentials";

  private volatile @Nullable Supplier<?> credentials;

  /** Called by Kafka. */
  public MskScramCallbackHandler() {}

  /**
   * Takes the credentials supplier from {@code configs}.
   *
   * @throws IllegalArgumentException if the mechanism is not a SCRAM one or {@link
   *     #CREDENTIALS_CONFIG} holds no supplier
   */
  @Override
  public void configure(Map<String, ?> configs, String saslMechanism,
      List<AppConfigurationEntry> jaasConfigEntries) {
    if (!saslMechanism.startsWith("SCRAM-SHA-")) {
      throw new IllegalArgumentException(getClass().getSimpleName()
          + " handles SCRAM-SHA-256 and SCRAM-SHA-512 only, not " + saslMechanism);
    }
    Object supplier = configs.get(CREDENTIALS_CONFIG);
    if (!(supplier instanceof Supplier<?>)) {
      throw new IllegalArgumentException("the Kafka client configuration lacks "
          + CREDENTIALS_CONFIG + ", the Supplier<ScramCredentials> the SCRAM handshake takes"
          + " its credentials from (it holds " + (supplier == null ? "nothing" : "a "
          + supplier.getClass().getName()) + ")");
    }
    this.credentials = (Supplier<?>) supplier;
  }

  /**
   * Answers the name, password and extension callbacks of Kafka's SCRAM client with the current
   * credentials. (The client asks for the name and the password in two steps of a handshake;
   * MSK rotations change the password, so both steps name the same user.)
   *
   * @throws UnsupportedCallbackException for any other callback
   */
  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
    for (Callback callback : callbacks) {
      if (callback instanceof NameCallback name) {
        name.setName(current().username());
      } else if (callback instanceof PasswordCallback password) {
        password.setPassword(current().password().toCharArray());
      } else if (callback instanceof ScramExtensionsCallback) {
        // MSK takes no SCRAM extensions; the callback's default is none.
      } else {
        throw new UnsupportedCallbackException(callback,
            "unsupported callback " + callback.getClass().getName());
      }
    }
  }

  private ScramCredentials current() {
    Supplier<?> supplier = credentials;
    if (supplier == null) {
      throw new IllegalStateException(getClass().getSimpleName() + " is not configured");
    }
    Object value = supplier.get();
    if (!(value instanceof ScramCredentials pair)) {
      throw new IllegalStateException(CREDENTIALS_CONFIG + " supplied "
          + (value == null ? "null" : "a " + value.getClass().getName())
          + " instead of ScramCredentials");
    }
    return pair;
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "MskScramCallbackHandler[" + credentials + "]";
  }
}
