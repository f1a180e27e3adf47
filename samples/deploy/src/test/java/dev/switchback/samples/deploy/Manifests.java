package dev.switchback.samples.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Kubernetes resources parsed from YAML, looked up by kind and name. */
final class Manifests {
  /** The directory holding {@code base/} and {@code overlays/}. */
  static final Path ROOT = Path.of(System.getProperty("deploy.root", "."));

  private static final ObjectMapper YAML = new YAMLMapper();

  private final List<JsonNode> resources;

  private Manifests(List<JsonNode> resources) {
    this.resources = List.copyOf(resources);
  }

  /** Every document of {@code yaml}, empty ones left out. */
  static Manifests parse(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Manifests(docs);
  }

  /** The documents of {@code file}. */
  static Manifests read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonNode> all() {
    return resources;
  }

  List<JsonNode> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return ofKind(kind).stream().filter(r -> name.equals(name(r))).findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name).orElseThrow(
        () -> new AssertionError("no " + kind + " " + name + " among " + summary()));
  }

  List<String> summary() {
    return resources.stream().map(r -> r.path("kind").asText() + "/" + name(r)).toList();
  }

  static String name(JsonNode resource) {
    return resource.path("metadata").path("name").asText();
  }

  /** The string entries of {@code node}, an object such as labels or a ConfigMap's data. */
  static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
