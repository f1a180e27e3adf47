package dev.switchback.internal;

import dev.switchback.ConfigurationException;
import dev.switchback.migration.spi.StageSourceProvider;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schemes {@code switchback.control.source} accepts besides {@code none}: those of the
 * {@link StageSourceProvider}s on the classpath, plus the known schemes whose module may be
 * missing (named in the error).
 */
public final class ControlSourceSchemes {

  /** Known schemes and the artifact that provides each. */
  public static final Map<String, String> KNOWN =
      Map.of("file", "dev.switchback:switchback-api", "ssm", "dev.switchback:switchback-aws-core");

  private ControlSourceSchemes() {}

  /** The schemes accepted in configuration. */
  public static Set<String> known() {
    Set<String> schemes = new TreeSet<>(KNOWN.keySet());
    schemes.addAll(discover(ControlSourceSchemes.class.getClassLoader()).keySet());
    return schemes;
  }

  /** The provider for {@code scheme}, or a configuration error naming the module to add. */
  public static StageSourceProvider provider(String scheme, ClassLoader loader) {
    StageSourceProvider p = discover(loader).get(scheme.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new ConfigurationException(
          "switchback.control.source=" + scheme + ":... needs the module "
              + KNOWN.getOrDefault(scheme, "that provides the '" + scheme + "' stage source")
              + " on the classpath");
    }
    return p;
  }

  private static Map<String, StageSourceProvider> discover(ClassLoader loader) {
    Map<String, StageSourceProvider> found = new TreeMap<>();
    for (StageSourceProvider p : ServiceLoader.load(StageSourceProvider.class, loader)) {
      found.putIfAbsent(p.scheme().toLowerCase(Locale.ROOT), p);
    }
    return found;
  }
}
