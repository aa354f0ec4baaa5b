package io.lbc.webhook.elbv2;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.IngressClassParamsSpec;
import io.lbc.webhook.Cidr;
import io.lbc.webhook.FieldErrors;
import io.lbc.webhook.ValidatingWebhook;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code vingressclassparams.elbv2.k8s.aws}: inbound CIDRs must parse and have no host bits set;
 * subnets name either IDs or tags, without duplicates.
 */
public final class IngressClassParamsValidator extends ValidatingWebhook<IngressClassParams> {
  public static final String PATH = "/validate-elbv2-k8s-aws-v1beta1-ingressclassparams";

  public IngressClassParamsValidator() {
    super(PATH, IngressClassParams.class);
  }

  @Override
  protected void validate(AdmissionRequest request, IngressClassParams params) {
    if (params.getSpec() == null) {
      return;
    }
    var errors = new FieldErrors();
    checkInboundCidrs(params.getSpec(), errors);
    checkSubnetSelectors(params.getSpec(), errors);
    errors.throwIfAny();
  }

  private static void checkInboundCidrs(IngressClassParamsSpec spec, FieldErrors errors) {
    List<String> cidrs = Optional.ofNullable(spec.inboundCIDRs).orElse(List.of());
    for (int i = 0; i < cidrs.size(); i++) {
      String cidr = cidrs.get(i);
      String field = "spec.inboundCIDRs[" + i + "]";
      cidrProblem(cidr)
          .ifPresent(detail -> errors.invalid("checkInboundCIDRs", field, cidr, detail));
    }
  }

  /** What is wrong with a CIDR, in the reference's words, with the likely intended value. */
  static Optional<String> cidrProblem(String cidr) {
    Cidr parsed;
    try {
      parsed = Cidr.parse(cidr);
    } catch (IllegalArgumentException e) {
      String detail = "Could not be parsed as a CIDR";
      if (!cidr.contains("/") && Cidr.parseIp(cidr).isPresent()) {
        boolean v4 = Cidr.parseIp(cidr).get().length == 4 && !cidr.contains(":");
        detail += " (did you mean \"" + cidr + (v4 ? "/32" : "/64") + "\")";
      }
      return Optional.of(detail);
    }
    if (parsed.hasHostBits()) {
      return Optional.of(
          "Network contains bits outside prefix (did you mean \"" + parsed.network() + "\")");
    }
    return Optional.empty();
  }

  private static void checkSubnetSelectors(IngressClassParamsSpec spec, FieldErrors errors) {
    IngressClassParamsSpec.SubnetSelector subnets = spec.subnets;
    if (subnets == null) {
      return;
    }
    String check = "checkSubnetSelectors";
    if (subnets.ids == null && subnets.tags == null) {
      errors.required(check, "spec.subnets", "must have either `ids` or `tags`");
      return;
    }
    if (subnets.ids != null) {
      if (subnets.tags != null) {
        errors.forbidden(check, "spec.subnets.tags", "may not have both `ids` and `tags` set");
        return;
      }
      var seen = new HashSet<String>();
      for (int i = 0; i < subnets.ids.size(); i++) {
        if (!seen.add(subnets.ids.get(i))) {
          errors.duplicate(check, "spec.subnets.ids[" + i + "]", subnets.ids.get(i));
        }
      }
      return;
    }
    if (subnets.tags.isEmpty()) {
      errors.required(check, "spec.subnets.tags", "must have at least one tag key");
    }
    for (Map.Entry<String, List<String>> tag : new TreeMap<>(subnets.tags).entrySet()) {
      var seen = new HashSet<String>();
      List<String> values = Optional.ofNullable(tag.getValue()).orElse(List.of());
      for (int i = 0; i < values.size(); i++) {
        if (!seen.add(values.get(i))) {
          errors.duplicate(
              check, "spec.subnets.tags[" + tag.getKey() + "][" + i + "]", values.get(i));
        }
      }
    }
  }
}
