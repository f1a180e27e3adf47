/**
 * Pieces the memory adapters share: closing once and refusing work afterwards, and the daemon
 * threads an instance owns. No compatibility promise: for this module's own use.
 */
@NullMarked
package dev.switchback.memory.internal;

import org.jspecify.annotations.NullMarked;
