package io.lbc.ingress;

import io.lbc.config.ControllerConfig;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one member's add-on settings (compat-spec §1.3 #14–#18, §1.4 {@code wafv2AclArn}/{@code
 * wafv2AclName}): IngressClassParams over annotations, WAFv2 names resolved to ARNs ({@code none}
 * kept as is). An add-on whose flag is off is not read but reported as a notice; a security add-on
 * that cannot be honoured (no Shield subscription, no WAF Classic in the region) leaves the member
 * out.
 */
final class AddOnReader {
  static final String WAFV2_ACL_ARN = "wafv2-acl-arn";
  static final String WAFV2_ACL_NAME = "wafv2-acl-name";
  static final String WAF_ACL_ID = "waf-acl-id";
  static final String WEB_ACL_ID = "web-acl-id";
  static final String SHIELD_ADVANCED_PROTECTION = "shield-advanced-protection";
  static final String NONE = "none";

  private final ControllerConfig.AddOns enabled;
  private final AddOnLookups lookups;
  private final String region;

  AddOnReader(ControllerConfig config, AddOnLookups lookups) {
    this.enabled = config.addOns();
    this.lookups = lookups;
    this.region = config.aws().region();
  }

  AddOnChoices read(MemberSource source) {
    var notices = new ArrayList<String>();
    return new AddOnChoices(
        wafv2(source, notices), wafRegional(source, notices), shield(source, notices), notices);
  }

  private Optional<Setting<String>> wafv2(MemberSource source, List<String> notices) {
    Optional<Setting<WebAclRef>> ref = wafv2Ref(source);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    if (!enabled.wafv2()) {
      notices.add(notApplied(ref.get().field(), "--enable-wafv2", "WAFv2 web ACL associations"));
      return Optional.empty();
    }
    Setting<WebAclRef> setting = ref.get();
    WebAclRef value = setting.value();
    if (!value.byName() || value.value().equals(NONE)) {
      return Optional.of(new Setting<>(value.value(), setting.field()));
    }
    String arn =
        lookups
            .webAclArn(value.value())
            .orElseThrow(
                () ->
                    new UserInputException(
                        setting.field(),
                        "no REGIONAL WAFv2 web ACL is named '" + value.value() + "'"));
    return Optional.of(new Setting<>(arn, setting.field()));
  }

  private record WebAclRef(String value, boolean byName) {}

  /** IngressClassParams over annotations; within one source, an ARN and a name are refused. */
  private static Optional<Setting<WebAclRef>> wafv2Ref(MemberSource source) {
    Optional<String> paramsArn = source.params().map(p -> p.wafv2AclArn).filter(AddOnReader::set);
    Optional<String> paramsName = source.params().map(p -> p.wafv2AclName).filter(AddOnReader::set);
    if (paramsArn.isPresent() || paramsName.isPresent()) {
      if (paramsArn.isPresent() && paramsName.isPresent()) {
        throw new UserInputException(
            source.paramsField("wafv2AclName"),
            "set only one of spec.wafv2AclArn and spec.wafv2AclName");
      }
      return paramsName
          .map(n -> source.fromParams("wafv2AclName", new WebAclRef(n.trim(), true)))
          .or(() -> paramsArn.map(a -> source.fromParams("wafv2AclArn", new WebAclRef(a, false))));
    }
    Optional<String> arn = source.annotations().string(WAFV2_ACL_ARN).filter(AddOnReader::set);
    Optional<String> name = source.annotations().string(WAFV2_ACL_NAME).filter(AddOnReader::set);
    if (arn.isPresent() && name.isPresent()) {
      throw source
          .annotations()
          .invalid(
              WAFV2_ACL_NAME,
              "set only one of "
                  + source.annotations().key(WAFV2_ACL_ARN)
                  + " and "
                  + source.annotations().key(WAFV2_ACL_NAME));
    }
    return name.map(n -> source.fromAnnotation(WAFV2_ACL_NAME, new WebAclRef(n.trim(), true)))
        .or(
            () ->
                arn.map(a -> source.fromAnnotation(WAFV2_ACL_ARN, new WebAclRef(a.trim(), false))));
  }

  /** {@code waf-acl-id}, or its deprecated alias {@code web-acl-id}; both must then agree. */
  private Optional<Setting<String>> wafRegional(MemberSource source, List<String> notices) {
    Optional<String> id = source.annotations().string(WAF_ACL_ID).filter(AddOnReader::set);
    Optional<String> alias = source.annotations().string(WEB_ACL_ID).filter(AddOnReader::set);
    if (id.isPresent() && alias.isPresent() && !id.get().trim().equals(alias.get().trim())) {
      throw source
          .annotations()
          .invalid(
              WEB_ACL_ID,
              "'"
                  + alias.get()
                  + "' conflicts with "
                  + source.annotations().key(WAF_ACL_ID)
                  + " '"
                  + id.get()
                  + "'; web-acl-id is a deprecated alias of waf-acl-id");
    }
    Optional<Setting<String>> setting =
        id.map(v -> source.fromAnnotation(WAF_ACL_ID, v.trim()))
            .or(() -> alias.map(v -> source.fromAnnotation(WEB_ACL_ID, v.trim())));
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    if (!enabled.waf()) {
      notices.add(
          notApplied(setting.get().field(), "--enable-waf", "WAF Classic web ACL associations"));
      return Optional.empty();
    }
    if (!lookups.wafRegionalAvailable()) {
      throw new UserInputException(
          setting.get().field(), "WAF Classic regional is not available in region " + region);
    }
    return setting;
  }

  private Optional<Setting<Boolean>> shield(MemberSource source, List<String> notices) {
    Optional<Setting<Boolean>> setting =
        source
            .annotations()
            .bool(SHIELD_ADVANCED_PROTECTION)
            .map(v -> source.fromAnnotation(SHIELD_ADVANCED_PROTECTION, v));
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    if (!enabled.shield()) {
      notices.add(
          notApplied(setting.get().field(), "--enable-shield", "Shield Advanced protections"));
      return Optional.empty();
    }
    if (setting.get().value() && !lookups.shieldSubscribed()) {
      throw new UserInputException(
          setting.get().field(),
          "needs an active AWS Shield Advanced subscription, and the account has none");
    }
    return setting;
  }

  private static String notApplied(String field, String flag, String what) {
    return field
        + " is not applied: the controller runs with "
        + flag
        + "=false and leaves "
        + what
        + " alone";
  }

  private static boolean set(String value) {
    return value != null && !value.isBlank();
  }
}
