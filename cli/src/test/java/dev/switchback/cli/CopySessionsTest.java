package dev.switchback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.MigrationBackends;
import dev.switchback.migration.Side;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.spi.SessionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopySessionsTest {

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<Session> createSessions(SessionStore store, int count) throws Exception {
    List<Session> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Session session = await(store.create("user-" + i,
          Map.of("role", i % 2 == 0 ? "admin" : "reader", "cart", "item-" + i),
          Duration.ofMinutes(30 + i)));
      if (i % 3 == 0) {
        session = await(store.update(session.id(), session.version(),
            Map.of("role", "changed"))).orElseThrow();
      }
      created.add(session);
    }
    return created;
  }

  private static void assertCopied(SessionStore target, List<Session> sessions) throws Exception {
    for (Session session : sessions) {
      Session copied = await(target.get(session.id())).orElseThrow();
      assertThat(copied).as(session.id()).isEqualTo(session);
    }
  }

  @Test
  void sessionsMoveFromRedisToElastiCacheByteExactAndStillWorkThere(@TempDir Path dir)
      throws Exception {
    try (RedisToElastiCache migration = new RedisToElastiCache(Capability.SESSIONS);
        MigrationBackends backends = migration.open()) {
      List<Session> sessions = createSessions(backends.backend(Side.OLD, SessionStore.class), 50);

      CliRun copy = CliRun.of(migration.args("copy", "sessions", "--state",
          dir.resolve("s").toString()));

      assertThat(copy.exitCode()).as(copy.toString()).isZero();
      assertThat(copy.out()).contains("keys switchback:session:*").contains("DUMP/RESTORE")
          .containsPattern("copied\\s+50\\n");
      SessionStore target = backends.backend(Side.NEW, SessionStore.class);
      assertCopied(target, sessions);
      Session first = sessions.get(1);
      assertThat(await(target.update(first.id(), first.version(), Map.of("role", "next"))))
          .get().extracting(Session::version).isEqualTo(first.version() + 1);

      CliRun verify = CliRun.of(migration.args("verify", "sessions"));
      assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.DIFFERENCES);
      assertThat(verify.out()).containsPattern("same\\s+49\\n")
          .containsPattern("first different keys\\s+switchback:session:" + first.id() + "\\n");
    }
  }

  @Test
  void sessionsMoveFromRedisToDynamoDbWithIdVersionAndExpiry(@TempDir Path dir)
      throws Exception {
    RedisToDynamoDb migration = new RedisToDynamoDb("sessions");
    try (MigrationBackends backends = migration.open()) {
      List<Session> sessions = createSessions(backends.backend(Side.OLD, SessionStore.class), 40);
      Path config = migration.file(dir);

      CliRun copy = CliRun.of("copy", "sessions", "--config", config.toString(),
          "--state", dir.resolve("s").toString());

      assertThat(copy.exitCode()).as(copy.toString()).isZero();
      assertThat(copy.out()).contains("through the session store interface")
          .containsPattern("copied\\s+40\\n");
      assertCopied(backends.backend(Side.NEW, SessionStore.class), sessions);

      CliRun verify = CliRun.of("verify", "sessions", "--config", config.toString());
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
      assertThat(verify.out()).containsPattern("same\\s+40\\n");
    }
  }
}
