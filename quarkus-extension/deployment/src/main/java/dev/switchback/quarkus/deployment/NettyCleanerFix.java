package dev.switchback.quarkus.deployment;

import java.util.function.BiFunction;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes Netty 4.2's {@code io.netty.util.internal.CleanerJava9} free direct buffers again under
 * Quarkus. Quarkus's Netty extension rewrites that class at build time for Netty 4.1: it replaces
 * its static initializer, so 4.2's {@code INVOKE_CLEANER} (a {@code MethodHandle} that 4.1 does
 * not have) stays null, and 4.2's {@code freeDirectBufferStatic}, which every {@code
 * CleanableDirectBuffer.clean()} calls, throws {@code NullPointerException}: seen when Lettuce
 * releases its pooled memory as the application stops. This gives that method the body Quarkus
 * gives {@code freeDirectBuffer}: {@code PlatformDependent0.UNSAFE.invokeCleaner(buffer)}. A
 * class without the method (Netty 4.1) passes unchanged.
 */
final class NettyCleanerFix extends ClassVisitor {
  /** The class it applies to. */
  static final String CLASS = "io.netty.util.internal.CleanerJava9";

  private static final String METHOD = "freeDirectBufferStatic";
  private static final String DESCRIPTOR = "(Ljava/nio/ByteBuffer;)V";

  private NettyCleanerFix(ClassVisitor next) {
    super(Opcodes.ASM9, next);
  }

  /** The transformer for a {@code BytecodeTransformerBuildItem}. */
  static BiFunction<String, ClassVisitor, ClassVisitor> transformer() {
    return (name, next) -> new NettyCleanerFix(next);
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
      String[] exceptions) {
    MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
    if (!METHOD.equals(name) || !DESCRIPTOR.equals(descriptor) || method == null) {
      return method;
    }
    method.visitCode();
    method.visitFieldInsn(Opcodes.GETSTATIC, "io/netty/util/internal/PlatformDependent0",
        "UNSAFE", "Lsun/misc/Unsafe;");
    method.visitVarInsn(Opcodes.ALOAD, 0);
    method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "sun/misc/Unsafe", "invokeCleaner",
        DESCRIPTOR, false);
    method.visitInsn(Opcodes.RETURN);
    method.visitMaxs(2, 1);
    method.visitEnd();
    // The original body is not copied.
    return null;
  }
}
