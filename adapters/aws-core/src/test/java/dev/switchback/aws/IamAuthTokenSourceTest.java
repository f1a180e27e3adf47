package dev.switchback.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

final class IamAuthTokenSourceTest {
  private static final IamAuthTarget TARGET = IamAuthTarget.elastiCache("cache", "app");

  private final ManualClock clock = new ManualClock(Instant.parse("2024-05-06T07:08:09Z"));
  private final AtomicInteger resolutions = new AtomicInteger();
  // Counts how often a token is signed: each signing resolves the credentials once.
  private final AwsCredentialsProvider counting = () -> {
    resolutions.incrementAndGet();
    return AwsBasicCredentials.create("AKIDEXAMPLE", "secret");
  };
  private final IamAuthTokenGenerator generator = IamAuthTokenGenerator.builder()
      .credentialsProvider(counting).region(Region.EU_WEST_1).clock(clock).build();

  @Test
  void tokenIsReusedUntilTheRefreshAgeAndThenSignedAnew() {
    IamAuthTokenSource source = IamAuthTokenSource.builder(generator, TARGET).build();

    IamAuthToken first = source.token();
    clock.advance(IamAuthTokenSource.DEFAULT_REFRESH_AFTER.minusSeconds(1));
    IamAuthToken stillFirst = source.token();
    clock.advance(Duration.ofSeconds(1));
    IamAuthToken second = source.token();

    assertThat(stillFirst).isSameAs(first);
    assertThat(second.value()).isNotEqualTo(first.value());
    assertThat(second.issuedAt()).isEqualTo(first.issuedAt().plus(Duration.ofMinutes(10)));
    assertThat(resolutions).hasValue(2);
    assertThat(source.get()).isEqualTo(second.value());
  }

  @Test
  void configuredRefreshAgeApplies() {
    IamAuthTokenSource source =
        IamAuthTokenSource.builder(generator, TARGET).refreshAfter(Duration.ofMinutes(1)).build();

    String first = source.get();
    clock.advance(Duration.ofSeconds(59));
    assertThat(source.get()).isEqualTo(first);
    clock.advance(Duration.ofSeconds(1));
    assertThat(source.get()).isNotEqualTo(first);
  }

  @Test
  void refreshSignsANewTokenAtOnceAndCachesIt() {
    IamAuthTokenSource source = IamAuthTokenSource.builder(generator, TARGET).build();
    String first = source.get();
    clock.advance(Duration.ofSeconds(5));

    IamAuthToken refreshed = source.refresh();

    assertThat(refreshed.value()).isNotEqualTo(first);
    assertThat(source.get()).isEqualTo(refreshed.value());
  }

  @Test
  void concurrentCallersOfAStaleSourceShareOneSigning() throws Exception {
    IamAuthTokenSource source = IamAuthTokenSource.builder(generator, TARGET).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = IntStream.range(0, 64)
          .<Callable<String>>mapToObj(i -> source::get).toList();
      Set<String> tokens = new HashSet<>();
      for (Future<String> result : pool.invokeAll(calls)) {
        tokens.add(result.get());
      }

      assertThat(tokens).hasSize(1);
      assertThat(resolutions).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refreshAgeMustBePositiveAndShorterThanTheTokenLifetime() {
    IamAuthTokenSource.Builder builder = IamAuthTokenSource.builder(generator, TARGET);

    assertThatThrownBy(() -> builder.refreshAfter(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.refreshAfter(Duration.ofMinutes(15)))
        .isInstanceOf(IllegalArgumentException.class);
    builder.refreshAfter(Duration.ofMinutes(14));
  }
}
