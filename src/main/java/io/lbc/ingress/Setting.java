package io.lbc.ingress;

/**
 * A value one member asks for, with where it came from (an annotation key or an IngressClassParams
 * field), so a conflict names both sides.
 */
record Setting<T>(T value, String field) {}
