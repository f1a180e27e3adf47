package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.config.ConfigGroupProvider;
import dev.switchback.config.SwitchbackConfig;
import dev.switchback.config.SwitchbackConfigValidator;
import dev.switchback.spi.AdapterProvider;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigMappings.ConfigClass;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads and validates Switchback's configuration, failing fast with a {@link
 * ConfigurationException} that names the key.
 *
 * <p>It reads twice. The first pass reads only the backend and migration target names, so the
 * chosen providers are known. The second registers {@link SwitchbackConfig} and the mapping of
 * every chosen provider (under {@code switchback.<capability>.<name>}), and tells SmallRye to
 * ignore the settings of providers present but not chosen, so switching backends does not mean
 * deleting the other backend's settings, while a key no mapping claims fails. A provider's
 * required settings are therefore required only when it is chosen.
 */
public final class ConfigReader {
  private final BackendCatalog catalog;
  private final List<ConfigGroupProvider> groups;
  private final SwitchbackConfigValidator validator;

  /**
   * A reader choosing among {@code catalog}'s providers, accepting the shared {@code groups}, and
   * accepting the control-source schemes {@code controlSchemes}.
   */
  public ConfigReader(
      BackendCatalog catalog, List<ConfigGroupProvider> groups, Set<String> controlSchemes) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.groups = List.copyOf(groups);
    this.validator = new SwitchbackConfigValidator(controlSchemes);
  }

  /**
   * The shared configuration groups registered in {@code META-INF/services}.
   *
   * @throws ConfigurationException if one cannot be loaded
   */
  public static List<ConfigGroupProvider> discoverGroups(ClassLoader loader) {
    List<ConfigGroupProvider> found = new ArrayList<>();
    try {
      for (ConfigGroupProvider group : ServiceLoader.load(ConfigGroupProvider.class, loader)) {
        found.add(group);
      }
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException(
          "could not load a " + ConfigGroupProvider.class.getName() + ": " + e.getMessage(), e);
    }
    return found;
  }

  /**
   * Every {@code @ConfigMapping} interface a read may register: {@link SwitchbackConfig}, the
   * mapping of each of {@code catalog}'s providers that has one, and those of {@code groups}.
   * A framework that generates mapping implementations ahead of time (the Quarkus extension does,
   * at build time) takes them from here; SmallRye then loads those instead of generating them at
   * every start.
   */
  public static Set<Class<?>> mappingInterfaces(
      BackendCatalog catalog, List<ConfigGroupProvider> groups) {
    Set<Class<?>> mappings = new LinkedHashSet<>();
    mappings.add(SwitchbackConfig.class);
    for (Capability capability : Capability.values()) {
      for (AdapterProvider<?> provider : catalog.providers(capability)) {
        provider.configMapping().ifPresent(mappings::add);
      }
    }
    for (ConfigGroupProvider group : groups) {
      mappings.add(group.mapping());
    }
    return mappings;
  }

  /**
   * Reads {@code sources}, plus SmallRye's default sources when {@code defaultSources} (system
   * properties, environment, {@code application.properties} in {@code config/} and on the
   * classpath, {@code META-INF/microprofile-config.properties}).
   *
   * @throws ConfigurationException naming the key of the first problems found
   */
  public ReadConfiguration read(
      List<ConfigSource> sources, boolean defaultSources, ClassLoader loader) {
    return read(sources, defaultSources, loader, EnumSet.allOf(Capability.class));
  }

  /**
   * Like {@link #read(List, boolean, ClassLoader)}, reading only the capabilities in {@code
   * scope}: the others choose no backend, and keys under their prefixes are neither checked
   * against a mapping nor refused as unknown. So a tool working on one capability accepts a
   * service's whole configuration even when the modules of the other capabilities' backends are
   * not on its classpath.
   *
   * @throws ConfigurationException naming the key of the first problems found
   */
  public ReadConfiguration read(List<ConfigSource> sources, boolean defaultSources,
      ClassLoader loader, Set<Capability> scope) {
    return read(sources, defaultSources, List.of(), loader, scope);
  }

  /**
   * Reads exactly {@code sources}, such as those of an application's own configuration, with
   * {@code profiles} active, so {@code %<profile>.switchback.*} keys apply as they do for the
   * application.
   *
   * @throws ConfigurationException naming the key of the first problems found
   */
  public ReadConfiguration read(
      List<ConfigSource> sources, List<String> profiles, ClassLoader loader) {
    return read(sources, false, profiles, loader, EnumSet.allOf(Capability.class));
  }

  private ReadConfiguration read(List<ConfigSource> sources, boolean defaultSources,
      List<String> profiles, ClassLoader loader, Set<Capability> scope) {
    requireNonNull(scope, "scope");
    Map<Capability, BackendChoice> choices =
        choose(build(base(sources, defaultSources, profiles, loader)), scope);
    Map<Class<?>, String> groupPrefixes = new HashMap<>();
    EnvironmentKeys environmentKeys = new EnvironmentKeys();
    SmallRyeConfigBuilder builder;
    try {
      builder = mappings(base(sources, defaultSources, profiles, loader), choices, scope,
          groupPrefixes, environmentKeys);
    } catch (RuntimeException e) {
      // A provider declared something SmallRye cannot map (not an interface, bad method).
      throw new ConfigurationException("Invalid configuration mapping: " + e.getMessage(), e);
    }
    SmallRyeConfig config = build(builder);
    environmentKeys.check(config);
    SwitchbackConfig switchback = config.getConfigMapping(SwitchbackConfig.class);
    validator.validate(switchback);
    return new ReadConfiguration(config, switchback, choices, groupPrefixes);
  }

  private SmallRyeConfigBuilder mappings(SmallRyeConfigBuilder base,
      Map<Capability, BackendChoice> choices, Set<Capability> scope,
      Map<Class<?>, String> groupPrefixes, EnvironmentKeys environmentKeys) {
    SmallRyeConfigBuilder builder = base.withMapping(SwitchbackConfig.class);
    environmentKeys.accept(ConfigClass.configClass(SwitchbackConfig.class));
    for (Capability capability : Capability.values()) {
      if (!scope.contains(capability)) {
        builder.withMappingIgnore(capability.prefix() + ".**");
        environmentKeys.ignore(capability.prefix());
        continue;
      }
      BackendChoice choice = choices.get(capability);
      for (AdapterProvider<?> provider : catalog.providers(capability)) {
        Optional<Class<?>> mapping = provider.configMapping();
        if (mapping.isEmpty()) {
          continue;
        }
        String prefix = prefix(capability, provider);
        if (isChosen(choice, provider)) {
          builder.withMapping(mapping.get(), prefix);
          environmentKeys.accept(ConfigClass.configClass(mapping.get(), prefix));
        } else {
          builder.withMappingIgnore(prefix + ".**");
          environmentKeys.ignore(prefix);
        }
      }
    }
    for (ConfigGroupProvider group : groups) {
      builder.withMapping(group.mapping(), group.prefix());
      environmentKeys.accept(ConfigClass.configClass(group.mapping(), group.prefix()));
      groupPrefixes.put(group.mapping(), group.prefix());
    }
    return builder;
  }

  /** The prefix of {@code provider}'s settings: {@code switchback.<capability>.<name>}. */
  public static String prefix(Capability capability, AdapterProvider<?> provider) {
    return capability.prefix() + "." + provider.name();
  }

  private static boolean isChosen(BackendChoice choice, AdapterProvider<?> provider) {
    return choice.backend().map(p -> p == provider).orElse(false)
        || choice.target().map(p -> p == provider).orElse(false);
  }

  private Map<Capability, BackendChoice> choose(SmallRyeConfig names, Set<Capability> scope) {
    Map<Capability, BackendChoice> choices = new EnumMap<>(Capability.class);
    for (Capability capability : Capability.values()) {
      if (!scope.contains(capability)) {
        choices.put(capability, new BackendChoice(capability, false, Optional.empty(),
            Optional.empty(), catalog.acceptedNames(capability)));
        continue;
      }
      String backendKey = capability.prefix() + ".backend";
      String targetKey = capability.prefix() + ".migration.target";
      Optional<String> backendName = rawValue(names, backendKey);
      Optional<String> targetName = rawValue(names, targetKey);
      Optional<AdapterProvider<?>> backend =
          backendName.isPresent()
              ? Optional.of(catalog.select(capability, backendName.get(), backendKey))
              : KnownBackends.defaultName(capability).flatMap(n -> catalog.find(capability, n));
      Optional<AdapterProvider<?>> target =
          targetName.map(name -> catalog.select(capability, name, targetKey));
      if (target.isPresent() && target.equals(backend)
          && !target.get().instancesAreSeparate()) {
        throw new ConfigurationException(targetKey + "=" + target.get().name() + " names the"
            + " backend the capability already uses: both sides would read "
            + capability.prefix() + "." + target.get().name() + ".* and be the same store;"
            + " accepted values: " + String.join(", ", catalog.acceptedNames(capability)
                .stream().filter(name -> !name.equals(target.get().name())).toList()));
      }
      choices.put(capability, new BackendChoice(capability,
          backendName.isPresent() || targetName.isPresent(), backend, target,
          catalog.acceptedNames(capability)));
    }
    return choices;
  }

  private static Optional<String> rawValue(SmallRyeConfig config, String key) {
    try {
      return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    } catch (RuntimeException e) {
      throw new ConfigurationException("Invalid value for " + key + ": " + e.getMessage(), e);
    }
  }

  private static SmallRyeConfigBuilder base(List<ConfigSource> sources, boolean defaultSources,
      List<String> profiles, ClassLoader loader) {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultInterceptors();
    if (defaultSources) {
      builder.addDefaultSources();
    }
    if (!profiles.isEmpty()) {
      builder.withProfiles(profiles);
    }
    return builder.withSources(sources);
  }

  private SmallRyeConfig build(SmallRyeConfigBuilder builder) {
    try {
      return builder.build();
    } catch (ConfigValidationException e) {
      ConfigProblems problems = new ConfigProblems(catalog, groups);
      List<String> messages = new ArrayList<>();
      for (int i = 0; i < e.getProblemCount(); i++) {
        messages.add(problems.explain(e.getProblem(i).getMessage()));
      }
      // The cause is left out on purpose: SmallRye's text repeats raw values, which may be secret.
      throw new ConfigurationException("Invalid configuration: " + String.join("; ", messages));
    } catch (RuntimeException e) {
      throw new ConfigurationException("Invalid configuration: "
          + new ConfigProblems(catalog, groups).explain(String.valueOf(e.getMessage())), e);
    }
  }
}
