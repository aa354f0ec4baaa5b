package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/** Something a built member asked for that is not applied, to tell it with a Warning event. */
public record MemberNotice(Ingress ingress, String message) {}
