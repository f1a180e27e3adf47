package dev.switchback.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void everyUnitIsRead() {
    assertThat(converter.convert("15ns")).isEqualTo(Duration.ofNanos(15));
    assertThat(converter.convert("15us")).isEqualTo(Duration.ofNanos(15_000));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aBareNumberIsSeconds() {
    assertThat(converter.convert("30")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void iso8601IsRead() {
    assertThat(converter.convert("PT1S")).isEqualTo(Duration.ofSeconds(1));
    assertThat(converter.convert("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert("P1D")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void spacesAndCaseDoNotMatter() {
    assertThat(converter.convert(" 250 MS ")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void theSignIsKeptForTheRangeCheckToReport() {
    assertThat(converter.convert("-5s")).isEqualTo(Duration.ofSeconds(-5));
  }

  @Test
  void emptyIsAbsent() {
    assertThat(converter.convert("  ")).isNull();
  }

  @Test
  void anythingElseFailsNamingTheAcceptedForms() {
    for (String bad : new String[] {"soon", "5 minutes", "1.5s", "PT", "10w", "s",
        "99999999999999999999s", "9223372036854775807d"}) {
      assertThatThrownBy(() -> converter.convert(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a duration")
          .hasMessageContaining(DurationConverter.ACCEPTED_FORMS);
    }
  }
}
