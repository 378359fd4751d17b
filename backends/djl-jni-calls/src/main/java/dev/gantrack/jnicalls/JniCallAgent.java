package dev.gantrack.jnicalls;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import javax.management.JMException;

/**
 * The agent's entry point: installs {@link CallSiteRewriter} before DJL's classes load and registers
 * the {@link JniCalls} MBean, so that anything in the process (a listener, a test, a benchmark) reads
 * the counts without a compile-time dependency on this jar.
 */
public final class JniCallAgent {
  private JniCallAgent() {}

  /**
   * Called by the JVM for {@code -javaagent:gantrack-djl-jni-calls.jar[=print|sites]}: with {@code print}
   * the agent prints its counts by name when the JVM exits; with {@code sites} it also counts by the
   * gantrack or DJL method that led to each call (a stack walk per call: slow, for finding where calls
   * come from) and prints those too.
   */
  public static void premain(String args, Instrumentation instrumentation) throws JMException {
    if ("sites".equals(args)) {
      JniCalls.countSites();
    }
    if ("sites".equals(args) || "print".equals(args)) {
      Runtime.getRuntime().addShutdownHook(new Thread(JniCalls::print, "jni-calls-print"));
    }
    instrumentation.addTransformer(new CallSiteRewriter());
    ManagementFactory.getPlatformMBeanServer().registerMBean(JniCalls.INSTANCE, JniCalls.objectName());
  }
}
