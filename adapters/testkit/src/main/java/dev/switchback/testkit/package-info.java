/** Test support for Switchback adapters: polling assertions, real servers, fault injection. */
@NullMarked
package dev.switchback.testkit;

import org.jspecify.annotations.NullMarked;
