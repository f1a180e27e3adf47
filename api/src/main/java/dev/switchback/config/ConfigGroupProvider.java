package dev.switchback.config;

/**
 * Registers a configuration group that several backends share, such as {@code switchback.aws.*}
 * (region, credentials, endpoint override) used by every AWS adapter. Register implementations
 * in {@code META-INF/services/dev.switchback.config.ConfigGroupProvider}.
 *
 * <p>Keys under {@code switchback.} are rejected at start unless a mapping claims them: a
 * capability's own keys, a backend's settings ({@code AdapterProvider.configMapping()}), or a
 * group registered here. Adapters read a group with {@code ProviderContext.config(mapping())}.
 */
public interface ConfigGroupProvider {

  /** The full prefix of the group, for example {@code switchback.aws}. */
  String prefix();

  /** The SmallRye {@code @ConfigMapping} interface of the group. */
  Class<?> mapping();
}
