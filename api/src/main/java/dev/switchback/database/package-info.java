/** See the types of this package. */
@NullMarked
package dev.switchback.database;

import org.jspecify.annotations.NullMarked;
