package io.lbc.k8s.gateway;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Target group settings of a Service (or Gateway) backend, or defaults (gateway-spec §3.3). */
@Group(GatewayCrds.GROUP)
@Version(value = "v1", storage = true, served = true)
@Kind("TargetGroupConfiguration")
@Plural("targetgroupconfigurations")
@Singular("targetgroupconfiguration")
@AdditionalPrinterColumn(
    name = "SERVICE-NAME",
    jsonPath = ".spec.targetReference.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class TargetGroupConfiguration
    extends CustomResource<TargetGroupConfigurationSpec, TargetGroupConfigurationStatus>
    implements Namespaced {

  /** The same schema, served under the deprecated v1beta1 as the reference does. */
  @Group(GatewayCrds.GROUP)
  @Version(
      value = "v1beta1",
      storage = false,
      served = true,
      deprecated = true,
      deprecationWarning =
          "gateway.k8s.aws/v1beta1 TargetGroupConfiguration is deprecated; use gateway.k8s.aws/v1"
              + " instead")
  @Kind("TargetGroupConfiguration")
  @Plural("targetgroupconfigurations")
  @Singular("targetgroupconfiguration")
  @AdditionalPrinterColumn(
      name = "SERVICE-NAME",
      jsonPath = ".spec.targetReference.name",
      type = AdditionalPrinterColumn.Type.STRING)
  @AdditionalPrinterColumn(
      name = "AGE",
      jsonPath = ".metadata.creationTimestamp",
      type = AdditionalPrinterColumn.Type.DATE)
  public static class V1beta1
      extends CustomResource<TargetGroupConfigurationSpec, TargetGroupConfigurationStatus>
      implements Namespaced {}
}
