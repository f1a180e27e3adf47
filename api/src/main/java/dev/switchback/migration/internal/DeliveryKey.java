package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

/**
 * One message as a group sees it: de-duplication is per topic, group and message id, so two
 * groups each handle every message once.
 */
record DeliveryKey(String topic, String group, String id) {

  DeliveryKey {
    requireNonNull(topic, "topic");
    requireNonNull(group, "group");
    requireNonNull(id, "id");
  }

  /**
   * A text form that tells every key apart: topics cannot hold {@code '/'}, and the group's length
   * marks where it ends, whatever the group and id contain.
   */
  String text() {
    return topic + '/' + group.length() + ':' + group + '/' + id;
  }
}
