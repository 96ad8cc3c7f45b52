package org.cogateway.validation;

/** A code-list file an operator edited cannot be read; the message names the file and line to fix. */
public class MalformedCodeListException extends RuntimeException {

    public MalformedCodeListException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
