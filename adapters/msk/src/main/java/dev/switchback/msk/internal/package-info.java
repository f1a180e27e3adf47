/** Pieces of the MSK backend with no compatibility promise. */
@NullMarked
package dev.switchback.msk.internal;

import org.jspecify.annotations.NullMarked;
