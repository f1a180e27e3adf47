/** See the types of this package. */
@NullMarked
package dev.switchback.config;

import org.jspecify.annotations.NullMarked;
