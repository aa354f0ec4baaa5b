package io.lbc.k8s.gateway;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Gateway API v1 UDPRoute (standard channel since v1.6); the CRD comes from Gateway API. */
@Group(GatewayCrds.GATEWAY_API_GROUP)
@Version("v1")
@Kind("UDPRoute")
@Plural("udproutes")
@Singular("udproute")
public class UDPRoute extends CustomResource<L4RouteSpec, RouteStatus> implements Namespaced {}
