package dev.switchback.msk;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How clients authenticate to an MSK cluster; every kind runs over TLS.
 *
 * <ul>
 *   <li>{@link #tls()}: TLS only, no SASL (MSK's TLS listener, port 9094, for clusters with
 *       unauthenticated access).
 *   <li>{@link #scram(String, Duration)}: SASL/SCRAM-SHA-512 (port 9096) with the username and
 *       password of a Secrets Manager secret whose name starts with {@code AmazonMSK_}.
 *   <li>{@link #iam()}: SASL/IAM (port 9098), signed with the {@code switchback.aws.*}
 *       credentials.
 * </ul>
 */
public sealed interface MskAuth {

  /** The accepted values of {@code auth}. */
  String VALUES = "iam, scram, tls";

  /** TLS only. */
  static MskAuth tls() {
    return Tls.INSTANCE;
  }

  /**
   * SCRAM with the credentials of secret {@code secretId} (a name or an ARN), read again by a
   * login once the copy is older than {@code refreshAfter}.
   *
   * @throws IllegalArgumentException if the id is blank or the age not positive
   */
  static MskAuth scram(String secretId, Duration refreshAfter) {
    return new Scram(secretId, refreshAfter);
  }

  /** IAM with the instance's AWS credentials. */
  static MskAuth iam() {
    return Iam.INSTANCE;
  }

  /** TLS only, no SASL. */
  final class Tls implements MskAuth {
    private static final Tls INSTANCE = new Tls();

    private Tls() {}

    @Override
    public String toString() {
      return "tls";
    }
  }

  /** SASL/IAM with the instance's AWS credentials. */
  final class Iam implements MskAuth {
    private static final Iam INSTANCE = new Iam();

    private Iam() {}

    @Override
    public String toString() {
      return "iam";
    }
  }

  /**
   * SASL/SCRAM-SHA-512 with a Secrets Manager secret's credentials.
   *
   * @param secretId the secret's name or ARN
   * @param refreshAfter how old the copy of the secret may get before a login reads it again
   */
  record Scram(String secretId, Duration refreshAfter) implements MskAuth {
    public Scram {
      requireNonNull(secretId, "secretId");
      requireNonNull(refreshAfter, "refreshAfter");
      if (secretId.isBlank()) {
        throw new IllegalArgumentException("secretId must not be blank");
      }
      if (refreshAfter.isNegative() || refreshAfter.isZero()) {
        throw new IllegalArgumentException("refreshAfter must be positive, got " + refreshAfter);
      }
    }

    @Override
    public String toString() {
      return "scram[secret=" + secretId + ", refreshAfter=" + refreshAfter + "]";
    }
  }
}
