package dev.switchback.aws;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where AWS credentials come from: the value of {@code switchback.aws.credentials}. */
public enum CredentialsSource {
  /** The SDK's default chain: environment, system properties, profile, container, instance. */
  DEFAULT("default"),
  /** {@code switchback.aws.static.access-key-id} and {@code static.secret-access-key}. */
  STATIC("static"),
  /**
   * EKS IAM roles for service accounts: {@code AssumeRoleWithWebIdentity} with the projected token
   * in {@code AWS_WEB_IDENTITY_TOKEN_FILE} for the role in {@code AWS_ROLE_ARN}.
   */
  WEB_IDENTITY("web-identity");

  private final String configName;

  CredentialsSource(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration, for example {@code web-identity}. */
  public String configName() {
    return configName;
  }

  /** The source named {@code name} in configuration, case-insensitively. */
  public static Optional<CredentialsSource> parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.configName.equals(wanted)).findFirst();
  }

  /** The accepted configuration names, for messages: {@code default, static, web-identity}. */
  public static String acceptedNames() {
    return Arrays.stream(values()).map(CredentialsSource::configName)
        .collect(Collectors.joining(", "));
  }
}
