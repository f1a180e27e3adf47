package dev.switchback.aws;

import dev.switchback.config.ConfigGroupProvider;

/**
 * Registers {@link AwsConfig} under {@code switchback.aws}, so its keys are known and checked at
 * start. Found through {@code META-INF/services/dev.switchback.config.ConfigGroupProvider}.
 */
public final class AwsConfigGroup implements ConfigGroupProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public AwsConfigGroup() {}

  @Override
  public String prefix() {
    return AwsConfig.PREFIX;
  }

  @Override
  public Class<?> mapping() {
    return AwsConfig.class;
  }
}
