package dev.switchback.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.devui.spi.page.PageBuilder;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Dev UI card's links, checked as the build step makes them: the Dev UI itself needs its web
 * resources, which the build does not depend on, so it is not run.
 */
class DevUiCardTest {

  @Test
  void cardLinksTheDashboardAndTheStatusUnderTheNonApplicationRoot() {
    Map<String, String> links = links(new NonApplicationRootPathBuildItem("/", "q", null));

    assertThat(links).containsOnly(
        Map.entry("Migration dashboard", "/q/switchback/ui"),
        Map.entry("Migration status (JSON)", "/q/switchback/status"));
  }

  @Test
  void linksFollowAMovedRoot() {
    Map<String, String> links =
        links(new NonApplicationRootPathBuildItem("/app", "/management", null));

    assertThat(links.values())
        .containsExactlyInAnyOrder("/management/switchback/ui", "/management/switchback/status");
  }

  private static Map<String, String> links(NonApplicationRootPathBuildItem root) {
    CardPageBuildItem card = new SwitchbackProcessor().devUiCard(root);
    List<Page> pages = card.getPages().stream().map(PageBuilder::build).toList();
    return pages.stream().collect(Collectors.toMap(Page::getTitle,
        page -> page.getMetadata().get("externalUrl")));
  }
}
