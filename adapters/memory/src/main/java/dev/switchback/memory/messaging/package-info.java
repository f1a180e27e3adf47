/**
 * In-memory {@link dev.switchback.messaging.Messaging}: retained topic logs, consumer groups with
 * positions, at-least-once delivery with redelivery back-off, order per key. Start with {@link
 * dev.switchback.memory.messaging.MemoryMessaging}.
 */
@NullMarked
package dev.switchback.memory.messaging;

import org.jspecify.annotations.NullMarked;
