package dev.gantrack.jnicalls;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites every class that calls {@code ai.djl.pytorch.jni.PyTorchLibrary} (DJL's engine, and any
 * class of the same package a program adds) so that each call of one of its methods first calls
 * {@link JniCalls#count(int)} with that method's id. The library's own class is left alone.
 */
final class CallSiteRewriter implements ClassFileTransformer {
  static final String LIBRARY = "ai/djl/pytorch/jni/PyTorchLibrary";
  private static final String COUNTER = JniCalls.class.getName().replace('.', '/');

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
      byte[] bytes) {
    if (className == null || className.equals(LIBRARY)
        || !new String(bytes, StandardCharsets.ISO_8859_1).contains(LIBRARY)) {
      return null;
    }
    try {
      return rewrite(bytes);
    } catch (RuntimeException e) {
      System.err.println("gantrack-djl-jni-calls: cannot rewrite " + className + ": " + e);
      return null;
    }
  }

  /** {@code bytes} with a counter call before each call of the library. */
  static byte[] rewrite(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new MethodVisitor(Opcodes.ASM9, next) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
            if (owner.equals(LIBRARY) && opcode == Opcodes.INVOKEVIRTUAL) {
              super.visitLdcInsn(JniCalls.idOf(method));
              super.visitMethodInsn(Opcodes.INVOKESTATIC, COUNTER, "count", "(I)V", false);
            }
            super.visitMethodInsn(opcode, owner, method, desc, itf);
          }
        };
      }
    }, 0);
    return writer.toByteArray();
  }
}
