/**
 * Copies through the neutral interfaces, for targets that do not speak the Redis protocol
 * (DynamoDB): each entry or session is read from the source with its expiry and written to the
 * target with what remains of it.
 */
@NullMarked
package dev.switchback.cli.copy;

import org.jspecify.annotations.NullMarked;
