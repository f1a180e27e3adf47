package dev.switchback.msk.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.msk.ScramCredentials;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.RealmCallback;
import org.apache.kafka.common.security.scram.ScramExtensionsCallback;
import org.junit.jupiter.api.Test;

/** Each SCRAM handshake gets the credentials of the moment. */
class MskScramCallbackHandlerTest {

  private static MskScramCallbackHandler handler(Supplier<ScramCredentials> credentials) {
    MskScramCallbackHandler handler = new MskScramCallbackHandler();
    handler.configure(Map.of(MskScramCallbackHandler.CREDENTIALS_CONFIG, credentials),
        "SCRAM-SHA-512", List.of());
    return handler;
  }

  @Test
  void everyHandshakeAsksTheSupplierAgain() throws Exception {
    AtomicReference<ScramCredentials> current =
        new AtomicReference<>(new ScramCredentials("app", "first"));
    MskScramCallbackHandler handler = handler(current::get);

    NameCallback name = new NameCallback("Name:");
    PasswordCallback password = new PasswordCallback("Password:", false);
    ScramExtensionsCallback extensions = new ScramExtensionsCallback();
    handler.handle(new Callback[] {extensions, name, password});
    assertThat(name.getName()).isEqualTo("app");
    assertThat(password.getPassword()).containsExactly("first".toCharArray());
    assertThat(extensions.extensions()).isEmpty();

    current.set(new ScramCredentials("app", "rotated"));
    PasswordCallback next = new PasswordCallback("Password:", false);
    handler.handle(new Callback[] {next});
    assertThat(next.getPassword()).containsExactly("rotated".toCharArray());
  }

  @Test
  void otherCallbacksAreRefused() {
    MskScramCallbackHandler handler = handler(() -> new ScramCredentials("app", "p"));

    assertThatThrownBy(() -> handler.handle(new Callback[] {new RealmCallback("realm")}))
        .isInstanceOf(UnsupportedCallbackException.class);
  }

  @Test
  void configurationNeedsAScramMechanismAndASupplier() {
    MskScramCallbackHandler handler = new MskScramCallbackHandler();

    assertThatThrownBy(() -> handler.configure(Map.of(), "SCRAM-SHA-512", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(MskScramCallbackHandler.CREDENTIALS_CONFIG);
    assertThatThrownBy(() -> handler.configure(
            Map.of(MskScramCallbackHandler.CREDENTIALS_CONFIG, (Supplier<?>) () -> "x"),
            "PLAIN", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PLAIN");
  }

  @Test
  void aSupplierOfSomethingElseFailsTheHandshake() {
    MskScramCallbackHandler handler = new MskScramCallbackHandler();
    handler.configure(Map.of(MskScramCallbackHandler.CREDENTIALS_CONFIG, (Supplier<?>) () -> "x"),
        "SCRAM-SHA-512", List.of());

    assertThatThrownBy(() -> handler.handle(new Callback[] {new NameCallback("Name:")}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("java.lang.String");
  }
}
