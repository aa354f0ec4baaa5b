package io.lbc.k8s.gateway;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Gateway API v1 ListenerSet (GEP-1713, standard channel in v1.6): listeners a Gateway takes in
 * from other objects. fabric8's model has no ListenerSet; the CRD comes from Gateway API.
 */
@Group(GatewayCrds.GATEWAY_API_GROUP)
@Version("v1")
@Kind("ListenerSet")
@Plural("listenersets")
@Singular("listenerset")
public class ListenerSet extends CustomResource<ListenerSetSpec, ListenerSetStatus>
    implements Namespaced {}
