package dev.switchback.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.servers.HeadlessChromium;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard in a real headless Chromium against a real server and Switchback. */
class DashboardBrowserTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** Opens the dashboard, waits for the cache card, enters the token the test gives. */
  private static final String OPEN = """
      page.on('dialog', dialog => dialog.accept());
      await page.goto(args.url);
      const stage = page.locator('[data-capability="cache"] [data-field="stage"]');
      await stage.waitFor();
      await page.waitForFunction(() => document.querySelector(
          '[data-capability="cache"] [data-field="stage"]').textContent !== '');
      await page.fill('#token', args.token);
      """;

  @RegisterExtension
  final AdminFixture.Served admin = new AdminFixture.Served();

  /** Runs {@link #OPEN} then {@code script} on the dashboard, typing {@code token}. */
  private JsonNode onDashboard(String token, String script) {
    return HeadlessChromium.run(OPEN + script,
        Map.of("url", admin.baseUri().resolve("ui").toString(), "token", token), TIMEOUT);
  }

  @Test
  void advanceMovesTheMigrationAndThePageShowsTheNewStage() {
    JsonNode seen = onDashboard(admin.token(), """
        const before = await stage.textContent();
        const sessions = await page.textContent('[data-capability="sessions"]');
        await page.click('[data-capability="cache"] [data-action="advance"]');
        await page.waitForFunction(() => document.querySelector(
            '[data-capability="cache"] [data-field="stage"]').textContent === 'dualwrite');
        return { before, sessions, after: await stage.textContent(),
                 error: await page.textContent('#error') };
        """);

    assertThat(seen.get("before").asText()).isEqualTo("off");
    assertThat(seen.get("sessions").asText()).contains("no migration");
    assertThat(seen.get("after").asText()).isEqualTo("dualwrite");
    assertThat(seen.get("error").asText()).isEmpty();
    assertThat(admin.cacheStage()).isEqualTo(Stage.DUALWRITE);
  }

  @Test
  void aRefusedMoveIsShownAndTheStageStays() {
    JsonNode seen = onDashboard("not-the-admin-token", """
        await page.click('[data-capability="cache"] [data-action="advance"]');
        await page.waitForFunction(() => document.getElementById('error').textContent !== '');
        return { error: await page.textContent('#error'), stage: await stage.textContent() };
        """);

    assertThat(seen.get("error").asText())
        .contains("Moving cache to dualwrite failed").contains("401 unauthorized");
    assertThat(seen.get("stage").asText()).isEqualTo("off");
    assertThat(admin.cacheStage()).isEqualTo(Stage.OFF);
  }
}
