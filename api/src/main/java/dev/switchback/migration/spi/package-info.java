/** See the types of this package. */
@NullMarked
package dev.switchback.migration.spi;

import org.jspecify.annotations.NullMarked;
