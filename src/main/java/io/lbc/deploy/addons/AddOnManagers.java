package io.lbc.deploy.addons;

import io.lbc.config.ControllerConfig;
import io.lbc.deploy.Synthesizer;
import io.lbc.deploy.acm.CertificateSynthesizer;
import io.lbc.deploy.acm.ManagedCertificates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The long-lived add-on state the deployer shares across deploys, and which add-ons run: one whose
 * flag is off gets no synthesizer, so its associations and protections are never touched.
 *
 * @param wafRegionalAvailable whether WAF Classic regional exists in the region (the reference
 *     skips it otherwise)
 * @param certificates the certificates the controller requests itself; present only under the
 *     {@code EnableCertificateManagement} gate
 */
public record AddOnManagers(
    ControllerConfig.AddOns enabled,
    boolean wafRegionalAvailable,
    WebAclAssociations wafv2,
    WebAclAssociations wafRegional,
    ShieldProtections shield,
    Optional<ManagedCertificates> certificates) {

  public AddOnManagers(
      ControllerConfig.AddOns enabled,
      boolean wafRegionalAvailable,
      WebAclAssociations wafv2,
      WebAclAssociations wafRegional,
      ShieldProtections shield) {
    this(enabled, wafRegionalAvailable, wafv2, wafRegional, shield, Optional.empty());
  }

  /** The add-on certificates are created first: the listeners use them (the reference's order). */
  public List<Synthesizer> leadingSynthesizers() {
    return certificates
        .<List<Synthesizer>>map(c -> List.of(new CertificateSynthesizer(c, Clock.systemUTC())))
        .orElse(List.of());
  }

  /** No add-on is ever touched (deployers of tests that do not exercise them). */
  public static AddOnManagers disabled() {
    return new AddOnManagers(
        new ControllerConfig.AddOns(false, false, false), false, null, null, null);
  }

  /** The add-on synthesizers in deploy order: WAFv2, WAF Regional, Shield. */
  public List<Synthesizer> synthesizers() {
    var result = new ArrayList<Synthesizer>();
    if (enabled.wafv2()) {
      result.add(WebAclAssociationSynthesizer.wafv2(wafv2));
    }
    if (enabled.waf() && wafRegionalAvailable) {
      result.add(WebAclAssociationSynthesizer.wafRegional(wafRegional));
    }
    if (enabled.shield()) {
      result.add(new ShieldProtectionSynthesizer(shield));
    }
    return result;
  }
}
