package dev.switchback.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalPostgresTest {

  @Test
  void sharedIsOneLiveServerPerJvm() {
    LocalPostgres postgres = LocalPostgres.shared();
    assertThat(LocalPostgres.shared()).isSameAs(postgres);
    assertThat(postgres.isRunning()).isTrue();
    assertThat(postgres.uri().toString())
        .isEqualTo("postgresql://postgres@127.0.0.1:" + postgres.port() + "/postgres");
    assertThat(postgres.jdbcUrl("test"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/test");
    assertThatThrownBy(postgres::stop).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDedicatedServerStartsOnItsOwnPortAndRestartKeepsIt() {
    try (LocalPostgres postgres = LocalPostgres.start()) {
      assertThat(postgres.isReused()).isFalse();
      assertThat(postgres.port()).isNotEqualTo(LocalPostgres.shared().port());
      assertThat(postgres.isRunning()).isTrue();
      int port = postgres.port();

      postgres.stop();
      assertThat(postgres.isRunning()).isFalse();
      postgres.restart();
      assertThat(postgres.port()).isEqualTo(port);
      assertThat(postgres.isRunning()).isTrue();
    }
  }

  @Test
  void somethingThatIsNotPostgresIsNotTakenForIt() {
    assertThat(LocalPostgres.speaksPostgres("127.0.0.1", LocalRedis.shared().port())).isFalse();
  }
}
