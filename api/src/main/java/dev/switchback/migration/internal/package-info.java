/** See the types of this package. */
@NullMarked
package dev.switchback.migration.internal;

import org.jspecify.annotations.NullMarked;
