package org.cogateway.admin;

/**
 * What the admin API answers instead of a result: an HTTP status and a message safe to show the
 * caller (never a stack trace). {@link Database} is the one unexpected kind: logged with an
 * incident id, answered 503.
 */
public class AdminException extends RuntimeException {
    private final int status;

    public AdminException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    private AdminException(int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    static AdminException notFound(String message) {
        return new AdminException(404, message);
    }

    /** The database failed under a request: the caller learns only that it is unavailable. */
    static final class Database extends AdminException {
        Database(Throwable cause) {
            // the cause goes in the constructor: the one above fixes it to none, and initCause would then throw
            super(503, "the database is not available", cause);
        }
    }
}
