package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * Something a built member asked for that its group honours only in part, reported as a Warning
 * event so that it is not silently ignored.
 *
 * @param reason the event's reason
 * @param field the annotation concerned
 */
public record MemberWarning(Ingress ingress, String reason, String field, String message) {}
