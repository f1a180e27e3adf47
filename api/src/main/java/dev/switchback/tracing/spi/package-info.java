/** See the types of this package. */
@NullMarked
package dev.switchback.tracing.spi;

import org.jspecify.annotations.NullMarked;
