/**
 * The outbound worker: claim, send, retry, lease (DESIGN.md §6).
 *
 * <p>{@link org.cogateway.delivery.OutboundQueue} holds all the queue SQL; {@link org.cogateway.delivery.Backoff}
 * is the retry policy; {@link org.cogateway.delivery.DeliveryWorker} runs the sends through a
 * {@link org.cogateway.delivery.TransmissionSender}, which the AS4 sender implements, and records each
 * {@link org.cogateway.delivery.SendOutcome}. Allowed state changes are in
 * {@link org.cogateway.delivery.TransmissionState}.
 */
package org.cogateway.delivery;
