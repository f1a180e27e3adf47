/** See the types of this package. */
@NullMarked
package dev.switchback.messaging.spi;

import org.jspecify.annotations.NullMarked;
