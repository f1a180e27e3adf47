/** See the types of this package. */
@NullMarked
package dev.switchback.auth.spi;

import org.jspecify.annotations.NullMarked;
