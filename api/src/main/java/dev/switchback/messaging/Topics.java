package dev.switchback.messaging;

import dev.switchback.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** Validation of topic and group names shared by every messaging adapter. */
public final class Topics {
  private Topics() {}

  /** Returns {@code topic} if it is a legal topic name, else throws. */
  public static String requireValidTopic(@Nullable String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new InvalidInputException("topic must not be null or empty");
    }
    if (topic.length() > Messaging.MAX_TOPIC_LENGTH) {
      throw new InvalidInputException(
          "topic is " + topic.length() + " characters; the limit is " + Messaging.MAX_TOPIC_LENGTH);
    }
    if (topic.equals(".") || topic.equals("..") || !hasLegalCharacters(topic)) {
      throw new InvalidInputException(
          "topic '" + topic + "' is not legal: use 1 to 249 of [a-zA-Z0-9._-], not '.' or '..'");
    }
    return topic;
  }

  // [a-zA-Z0-9._-]+ without a Matcher per call: this runs on every publish.
  private static boolean hasLegalCharacters(String topic) {
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      if (!legal) {
        return false;
      }
    }
    return true;
  }

  /** Returns {@code group} if it is a legal group name, else throws. */
  public static String requireValidGroup(@Nullable String group) {
    if (group == null || group.isBlank()) {
      throw new InvalidInputException("group must not be null or blank");
    }
    return group;
  }

  /** Throws unless {@code message} has a non-empty id. */
  public static Message requireValidMessage(@Nullable Message message) {
    if (message == null) {
      throw new InvalidInputException("message must not be null");
    }
    if (message.id().isEmpty()) {
      throw new InvalidInputException("message id must not be empty");
    }
    return message;
  }
}
