package dev.switchback.samples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kustomization sources: everything they name exists and parses, without rendering. */
class KustomizationSourcesTest {

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/local", "overlays/eks"})
  void everyFileAKustomizationNamesExistsAndParses(String directory) throws IOException {
    Path dir = Manifests.ROOT.resolve(directory);
    JsonNode kustomization = Manifests.read(dir.resolve("kustomization.yaml")).all().get(0);
    List<Path> named = new ArrayList<>();
    kustomization.path("resources").forEach(r -> named.add(dir.resolve(r.asText())));
    kustomization.path("patches").forEach(p -> named.add(dir.resolve(p.path("path").asText())));
    kustomization.path("configMapGenerator").forEach(g -> Stream.of("envs", "files")
        .forEach(field -> g.path(field).forEach(f -> named.add(dir.resolve(f.asText())))));

    assertThat(named).isNotEmpty();
    for (Path path : named) {
      if (Files.isDirectory(path)) {
        assertThat(path.resolve("kustomization.yaml")).as("kustomization in %s", path).isRegularFile();
      } else {
        assertThat(path).isRegularFile();
        if (path.toString().endsWith(".yaml")) {
          assertThat(Manifests.read(path).all()).as("documents of %s", path).isNotEmpty()
              .allSatisfy(doc -> assertThat(doc.path("kind").asText()).isNotBlank());
        }
      }
    }
  }
}
