package dev.switchback.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.InvalidInputException;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void lettersDigitsDotsUnderscoresAndDashesAreLegal() {
    assertThat(Topics.requireValidTopic("Orders.v1_created-2")).isEqualTo("Orders.v1_created-2");
    assertThat(Topics.requireValidTopic("x".repeat(Messaging.MAX_TOPIC_LENGTH)))
        .hasSize(Messaging.MAX_TOPIC_LENGTH);
  }

  @Test
  void anyOtherCharacterIsRefusedNamingTheTopicAndTheRule() {
    for (String topic : new String[] {"a b", "ordérs", "a/b", "a:b", "a*", "..", ".", "tab\t"}) {
      assertThatThrownBy(() -> Topics.requireValidTopic(topic))
          .as(topic)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("'" + topic + "' is not legal")
          .hasMessageContaining("[a-zA-Z0-9._-]");
    }
  }

  @Test
  void emptyNullAndTooLongAreRefused() {
    assertThatThrownBy(() -> Topics.requireValidTopic(null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("null or empty");
    assertThatThrownBy(() -> Topics.requireValidTopic(""))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("null or empty");
    assertThatThrownBy(() -> Topics.requireValidTopic("x".repeat(Messaging.MAX_TOPIC_LENGTH + 1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("the limit is");
  }
}
