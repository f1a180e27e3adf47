/** JMH benchmarks of the migration routers, run from the module's runnable jar. */
@NullMarked
package dev.switchback.benchmarks;

import org.jspecify.annotations.NullMarked;
