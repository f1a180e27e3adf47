package dev.switchback.quarkus.deployment;

import dev.switchback.internal.BackendCatalog;
import dev.switchback.internal.ConfigReader;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.smallrye.config.ConfigMappingLoader;
import io.smallrye.config.ConfigMappingMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The implementations of Switchback's {@code @ConfigMapping} interfaces, generated at build time.
 *
 * <p>Switchback reads its configuration at start with SmallRye, which looks for a mapping's
 * implementation class beside the interface before generating one with ASM. Generating them
 * here puts them in the application, so a start loads them instead of generating every one
 * (the root, each backend's settings on the classpath, the shared groups) again.
 */
final class ConfigMappingClasses {

  private ConfigMappingClasses() {}

  /** One item per implementation class, for the mappings the providers on {@code loader} use. */
  static List<GeneratedClassBuildItem> generate(ClassLoader loader) {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (Class<?> mapping : ConfigReader.mappingInterfaces(
        BackendCatalog.discover(loader), ConfigReader.discoverGroups(loader))) {
      // Groups nested in several mappings are generated once.
      for (ConfigMappingMetadata metadata : ConfigMappingLoader.getConfigMappingsMetadata(mapping)) {
        classes.putIfAbsent(metadata.getClassName(), metadata.getClassBytes());
      }
    }
    return classes.entrySet().stream()
        .map(c -> new GeneratedClassBuildItem(false, c.getKey(), c.getValue()))
        .toList();
  }
}
