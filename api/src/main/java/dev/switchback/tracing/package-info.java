/** See the types of this package. */
@NullMarked
package dev.switchback.tracing;

import org.jspecify.annotations.NullMarked;
