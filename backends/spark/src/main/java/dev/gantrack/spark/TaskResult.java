package dev.gantrack.spark;

/**
 * How a trial's task ended, as the one string it returns: the trial's exit code, the GPU addresses
 * it was given, the executor's host, and the task's own problem (it could not run the trial).
 */
record TaskResult(int exitCode, String gpu, String host, String problem) {
  private static final String SEP = "\t";

  String encode() {
    return exitCode + SEP + nz(gpu) + SEP + nz(host) + SEP + nz(problem).replace('\t', ' ').replace('\n', ' ');
  }

  static TaskResult decode(String text) {
    String[] f = text.split(SEP, -1);
    return new TaskResult(Integer.parseInt(f[0]), nn(f[1]), nn(f[2]), nn(f[3]));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String nn(String s) {
    return s.isEmpty() ? null : s;
  }
}
