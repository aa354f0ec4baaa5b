package io.lbc.k8s;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Cluster-wide parameters of an IngressClass; its fields override the Ingress annotations. */
@Group(TargetGroupBinding.GROUP)
@Version(value = "v1beta1", storage = true, served = true)
@Kind("IngressClassParams")
@Plural("ingressclassparams")
@Singular("ingressclassparam")
@AdditionalPrinterColumn(
    name = "GROUP-NAME",
    jsonPath = ".spec.group.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "SCHEME",
    jsonPath = ".spec.scheme",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "IP-ADDRESS-TYPE",
    jsonPath = ".spec.ipAddressType",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class IngressClassParams extends CustomResource<IngressClassParamsSpec, Void> {}
