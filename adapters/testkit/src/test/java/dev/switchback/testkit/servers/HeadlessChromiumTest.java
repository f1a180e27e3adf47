package dev.switchback.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlessChromiumTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Test
  void runsTheScriptInARealBrowserAndReturnsItsResult() {
    JsonNode result = HeadlessChromium.run("""
        await page.setContent('<p id="p"></p><script>document.getElementById("p")'
            + '.textContent = navigator.userAgent.includes("Chrome") ? "chrome" : "other";</script>');
        return { text: await page.textContent('#p'), doubled: args.n * 2 };
        """, Map.of("n", 21), TIMEOUT);

    assertThat(result.get("text").asText()).isEqualTo("chrome");
    assertThat(result.get("doubled").asInt()).isEqualTo(42);
  }

  @Test
  void aScriptThatThrowsFailsTheCallWithItsMessage() {
    assertThatThrownBy(() -> HeadlessChromium.run(
            "throw new Error('the page did not say hello');", Map.of(), TIMEOUT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the page did not say hello");
  }
}
