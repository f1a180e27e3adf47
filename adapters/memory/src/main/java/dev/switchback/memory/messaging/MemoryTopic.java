package dev.switchback.memory.messaging;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A topic: its retained log and the consumer groups reading it. */
final class MemoryTopic {
  private final String name;
  private final RetainedLog log;
  private final ConcurrentHashMap<String, ConsumerGroup> groups = new ConcurrentHashMap<>();

  MemoryTopic(String name, int retainedMessages) {
    this.name = name;
    this.log = new RetainedLog(retainedMessages);
  }

  String name() {
    return name;
  }

  RetainedLog log() {
    return log;
  }

  /** The group named {@code group}, created at the oldest retained message if new. */
  ConsumerGroup group(String group, Function<String, ConsumerGroup> factory) {
    return groups.computeIfAbsent(group, factory);
  }

  /** The group named {@code group}, or null if it never subscribed. */
  @Nullable ConsumerGroup existingGroup(String group) {
    return groups.get(group);
  }

  Collection<ConsumerGroup> groups() {
    return groups.values();
  }
}
