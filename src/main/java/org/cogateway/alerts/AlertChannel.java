package org.cogateway.alerts;

/** A way to send an alert to a receiver: a webhook, e-mail. */
interface AlertChannel {

    /** Sends {@code alert} to {@code receiver} (a URL, an address) or throws why it was not taken. */
    void send(Alert alert, String receiver) throws AlertSendException;

    /** The receiver did not take the alert; the dispatcher tries again later. */
    final class AlertSendException extends Exception {
        AlertSendException(String message) {
            super(message);
        }

        AlertSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
