package org.attnsim.hwmodels;

/**
 * An error the user can cause and fix: a bad file, field or option. The command line prints it as
 * {@code attnsim: error: <where>: <what>, <allowed>} and exits with code 2, never with a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;
    private final String what;
    private final String allowed;

    public InvalidInputException(String where, String what, String allowed) {
        super(where + ": " + what + (allowed == null || allowed.isEmpty() ? "" : ", " + allowed));
        this.where = where;
        this.what = what;
        this.allowed = allowed;
    }

    public String where() {
        return where;
    }

    public String what() {
        return what;
    }

    public String allowed() {
        return allowed;
    }

    /** The same error, located one level further out (e.g. the file that holds the field). */
    public InvalidInputException within(String outer) {
        return new InvalidInputException(outer + ": " + where, what, allowed);
    }
}
