/** See the types of this package. */
@NullMarked
package dev.switchback.migration;

import org.jspecify.annotations.NullMarked;
