package dev.switchback.sessions;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A session as stored: immutable; every change produces a new version.
 *
 * @param id opaque identifier, unique within the store
 * @param subject who the session belongs to, for example a user id
 * @param attributes string attributes; the map is unmodifiable
 * @param version starts at 1 and grows by one with every update
 * @param createdAt when the session was created
 * @param expiresAt when the session expires unless touched
 * @param ttl the sliding time to live that {@link Sessions#touch} renews
 */
public record Session(
    String id,
    String subject,
    Map<String, String> attributes,
    long version,
    Instant createdAt,
    Instant expiresAt,
    Duration ttl) {

  public Session {
    requireNonNull(id, "id");
    requireNonNull(subject, "subject");
    attributes = Map.copyOf(requireNonNull(attributes, "attributes"));
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(ttl, "ttl");
  }

  /** Whether the session has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
