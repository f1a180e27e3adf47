/**
 * Pieces the memory adapters share: closing once and refusing work afterwards, the daemon threads
 * an instance owns, and the checks providers make on configured values. No compatibility promise:
 * for this module's own use.
 */
@NullMarked
package dev.switchback.memory.internal;

import org.jspecify.annotations.NullMarked;
