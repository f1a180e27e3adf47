package dev.switchback.cli;

/** The exit codes of {@code switchback}. */
public final class ExitCodes {

  /** Done: everything copied, or no difference found. */
  public static final int OK = 0;

  /** Done, but keys failed to copy, or the verification found differences. */
  public static final int DIFFERENCES = 1;

  /** Bad command line, configuration or state file: nothing was done. */
  public static final int USAGE = 2;

  /** A store could not be reached or failed part way; a copy resumes with {@code --resume}. */
  public static final int UNAVAILABLE = 3;

  private ExitCodes() {}
}
