/** See the types of this package. */
@NullMarked
package dev.switchback.spi;

import org.jspecify.annotations.NullMarked;
