/** See the types of this package. */
@NullMarked
package dev.switchback.cache.spi;

import org.jspecify.annotations.NullMarked;
