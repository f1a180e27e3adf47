package dev.switchback.messaging;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message to publish or a message delivered.
 *
 * @param id unique id chosen by the publisher; consumers de-duplicate by it during a migration
 * @param key partitioning key: messages with the same key keep their order where the backend
 *     reports {@link MessagingFeature#ORDERED_PER_KEY}; {@code null} for none
 * @param payload the body; the array is not copied, callers must not modify it
 * @param headers string headers; the map is unmodifiable. Names starting with
 *     {@code switchback-} are reserved.
 */
public record Message(String id, @Nullable String key, byte[] payload, Map<String, String> headers) {

  public Message {
    requireNonNull(id, "id");
    requireNonNull(payload, "payload");
    headers = Map.copyOf(requireNonNull(headers, "headers"));
  }

  /** A message with a random id, no key and no headers. */
  public static Message of(byte[] payload) {
    return new Message(UUID.randomUUID().toString(), null, payload, Map.of());
  }

  /** A message with a random id and the given key, no headers. */
  public static Message of(@Nullable String key, byte[] payload) {
    return new Message(UUID.randomUUID().toString(), key, payload, Map.of());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m
        && id.equals(m.id)
        && Objects.equals(key, m.key)
        && Arrays.equals(payload, m.payload)
        && headers.equals(m.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, key, Arrays.hashCode(payload), headers);
  }

  @Override
  public String toString() {
    return "Message[id=" + id + ", key=" + key + ", " + payload.length + " bytes]";
  }
}
