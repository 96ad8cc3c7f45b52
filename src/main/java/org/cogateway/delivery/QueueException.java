package org.cogateway.delivery;

/** The outbound queue could not reach or change the database; the work it was doing was rolled back. */
public final class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
