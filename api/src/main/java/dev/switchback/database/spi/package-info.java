/** See the types of this package. */
@NullMarked
package dev.switchback.database.spi;

import org.jspecify.annotations.NullMarked;
