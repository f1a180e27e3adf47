package dev.switchback.elasticache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.aws.IamAuthTarget;
import dev.switchback.aws.IamAuthTokenGenerator;
import dev.switchback.aws.IamAuthTokenSource;
import dev.switchback.redis.RedisConnection;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.ManualClock;
import dev.switchback.testkit.servers.LocalTlsRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * IAM authentication against a TLS Redis whose ACL user has, as its password, the token the
 * adapter is expected to present: the test signs with the same credentials and clock, so it
 * knows that token exactly.
 */
class ElastiCacheIamTest {
  private static final IamAuthTarget TARGET =
      IamAuthTarget.elastiCache("my-replication-group", LocalTlsRedis.USER);
  private static final Pattern AUTH_STATS =
      Pattern.compile("cmdstat_auth:calls=(\\d+),.*failed_calls=(\\d+)");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final IamAuthTokenGenerator generator = IamAuthTokenGenerator.builder()
      .credentialsProvider(StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIDTESTONLY", "test-only-secret-key")))
      .region(Region.EU_WEST_1)
      .clock(clock)
      .build();
  private final IamAuthTokenSource tokens = IamAuthTokenSource.builder(generator, TARGET).build();
  private LocalTlsRedis redis;

  @BeforeEach
  void startServer() {
    redis = LocalTlsRedis.start();
  }

  @AfterEach
  void stopServer() {
    redis.close();
  }

  private RedisConnection connect(Duration reauthenticateEvery) {
    return TestServers.open(TestServers.tls(redis)
        .auth(ElastiCacheAuth.iam(LocalTlsRedis.USER, tokens, reauthenticateEvery))
        .build());
  }

  @Test
  void newConnectionsAfterTheTokenLifetimePresentAFreshTokenWhileOldOnesKeepWorking() {
    String first = generator.generate(TARGET).value();
    redis.setPasswords(first);
    RedisConnection old = connect(ElastiCacheSettings.DEFAULT_REAUTHENTICATE_EVERY);
    try {
      roundTrip(old, "iam:old");

      clock.advance(Duration.ofMinutes(16));
      String fresh = generator.generate(TARGET).value();
      assertThat(fresh).isNotEqualTo(first);
      redis.setPasswords(fresh); // the first token is no longer accepted by anyone

      RedisConnection late = connect(ElastiCacheSettings.DEFAULT_REAUTHENTICATE_EVERY);
      try {
        roundTrip(late, "iam:late");
        roundTrip(old, "iam:old"); // authenticated once, it stays so

        // When the old connection is dropped, it comes back with the fresh token.
        long id = old.commands().clientId().toCompletableFuture().join();
        redis.command("CLIENT", "KILL", "ID", Long.toString(id));
        Eventually.await(Duration.ofSeconds(10), () -> roundTrip(old, "iam:reconnected"));
        assertThat(old.commands().clientId().toCompletableFuture().join()).isNotEqualTo(id);
      } finally {
        late.closeAsync().toCompletableFuture().join();
      }
    } finally {
      old.closeAsync().toCompletableFuture().join();
    }
  }

  @Test
  void anOpenConnectionReauthenticatesWithAFreshTokenOnSchedule() {
    String first = generator.generate(TARGET).value();
    redis.setPasswords(first);
    // ElastiCache closes an IAM connection 12 hours after it authenticated; the schedule that
    // keeps it open is shortened here.
    RedisConnection connection = connect(Duration.ofMillis(300));
    try {
      roundTrip(connection, "iam:reauth");

      clock.advance(Duration.ofMinutes(11)); // past the token source's refresh age
      String fresh = generator.generate(TARGET).value();
      redis.setPasswords(first, fresh);
      // Two more AUTHs: at least one whole re-authentication ran after the clock moved.
      AuthStats moved = authStats();
      Eventually.await(Duration.ofSeconds(10),
          () -> assertThat(authStats().clientAuthsSince(moved)).isGreaterThanOrEqualTo(2));

      redis.setPasswords(fresh); // the first token is refused from now on
      AuthStats base = authStats();
      Eventually.await(Duration.ofSeconds(10), () -> {
        AuthStats now = authStats();
        assertThat(now.clientAuthsSince(base)).isGreaterThanOrEqualTo(2);
        assertThat(now.failedSince(base)).isZero();
      });
      roundTrip(connection, "iam:reauth");
    } finally {
      connection.closeAsync().toCompletableFuture().join();
    }
  }

  private static void roundTrip(RedisConnection connection, String key) {
    connection.commands().set(key, key.getBytes(UTF_8)).toCompletableFuture().join();
    assertThat(connection.commands().get(key).toCompletableFuture().join())
        .asString(UTF_8).isEqualTo(key);
  }

  /**
   * The server's count of {@code AUTH} calls and failures. Each reading itself makes one
   * {@code AUTH} (the control socket's), which {@link #clientAuthsSince} takes off.
   */
  private record AuthStats(long calls, long failed, long readings) {
    long clientAuthsSince(AuthStats base) {
      return calls - base.calls - (readings - base.readings);
    }

    long failedSince(AuthStats base) {
      return failed - base.failed;
    }
  }

  private long readings;

  private AuthStats authStats() {
    readings++;
    Matcher matcher = AUTH_STATS.matcher(String.valueOf(redis.command("INFO", "commandstats")));
    return matcher.find()
        ? new AuthStats(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), readings)
        : new AuthStats(0, 0, readings);
  }
}
