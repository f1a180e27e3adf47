/**
 * {@code drain status}: the consumer lag of a messaging backend's groups, read through {@link
 * dev.switchback.messaging.MessagingLag}, and its table.
 */
@NullMarked
package dev.switchback.cli.drain;

import org.jspecify.annotations.NullMarked;
