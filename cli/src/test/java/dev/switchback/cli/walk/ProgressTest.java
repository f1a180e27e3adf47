package dev.switchback.cli.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void theLineShowsDoneRateAndTimeLeftWhenTheTotalIsKnown() {
    Progress progress = new Progress(new PrintWriter(new StringWriter()), true, "copied",
        OptionalLong.of(100_000), () -> 0L);
    assertThat(progress.line(25_000, 3, 5_000_000_000L))
        .isEqualTo("[######..................]  25% 25,000/100,000 keys copied  5,000 keys/s"
            + "  ETA 0:15  3 failed");
  }

  @Test
  void withoutATotalTheLineShowsCountAndRateOnly() {
    Progress progress = new Progress(new PrintWriter(new StringWriter()), true, "compared",
        OptionalLong.empty(), () -> 0L);
    assertThat(progress.line(1_234, 0, 2_000_000_000L)).isEqualTo("1,234 keys compared  617 keys/s");
    assertThat(Progress.clock(3_725)).isEqualTo("1:02:05");
  }

  @Test
  void redrawsAreSpacedAndADisabledProgressPrintsNothing() {
    AtomicLong now = new AtomicLong();
    StringWriter shown = new StringWriter();
    Progress progress = new Progress(new PrintWriter(shown), true, "copied",
        OptionalLong.empty(), now::get);
    progress.update(10, 0);
    progress.update(20, 0); // too soon after the first: not drawn
    now.addAndGet(Progress.REDRAW.toNanos());
    progress.update(30, 0);
    progress.finish();
    assertThat(shown.toString()).contains("10 keys").doesNotContain("20 keys").contains("30 keys")
        .endsWith("\r");

    StringWriter quiet = new StringWriter();
    Progress off = new Progress(new PrintWriter(quiet), false, "copied", OptionalLong.empty());
    off.update(10, 0);
    off.finish();
    assertThat(quiet.toString()).isEmpty();
  }
}
