package dev.switchback.cli;

/** The exit codes of {@code switchback}. */
public final class ExitCodes {

  /** Done: everything copied, no difference found, or every lag is 0. */
  public static final int OK = 0;

  /**
   * Done, but keys failed to copy, the verification found differences, or messages are left to
   * consume.
   */
  public static final int DIFFERENCES = 1;

  /**
   * Bad command line, configuration or state file, or a backend that cannot do what was asked:
   * nothing was done.
   */
  public static final int USAGE = 2;

  /**
   * A store could not be reached, did not answer in time, or failed part way; a copy resumes with
   * {@code --resume}.
   */
  public static final int UNAVAILABLE = 3;

  private ExitCodes() {}
}
