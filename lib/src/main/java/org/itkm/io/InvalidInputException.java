package org.itkm.io;

/**
 * A problem with what the user gave the kit (a file, an option, a layout). The CLI prints its message
 * alone, without a stack trace, and exits with a non-zero code; the message names the input and says
 * what was expected.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
