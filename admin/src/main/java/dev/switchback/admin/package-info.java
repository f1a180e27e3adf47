/**
 * Switchback's admin surface, free of any web framework: the status document of every
 * capability and migration, the stage-move operation with its typed errors, and the migration
 * dashboard page. A host maps HTTP onto {@link dev.switchback.admin.SwitchbackAdmin} and decides
 * who may call the operations that {@linkplain dev.switchback.admin.AdminOperation#requiresAdmin()
 * require an admin}; {@link dev.switchback.admin.AdminHttpServer} is such a host on the JDK's own
 * HTTP server. Every type is non-null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.switchback.admin;

import org.jspecify.annotations.NullMarked;
