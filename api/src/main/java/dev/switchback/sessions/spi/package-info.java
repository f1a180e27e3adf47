/** See the types of this package. */
@NullMarked
package dev.switchback.sessions.spi;

import org.jspecify.annotations.NullMarked;
