package io.lbc.k8s.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** ListenerRuleConfiguration fields (gateway-spec §3.5). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.actions) || size(self.actions) > 0",
    message = "At least one action must be specified if actions field is present")
@ValidationRule(
    value =
        "!has(self.actions) || self.actions.all(a, a.type == 'authenticate-oidc' || a.type =="
            + " 'authenticate-cognito' || a.type == 'jwt-validation' || a.type == 'fixed-response'"
            + " || a.type == 'forward' || a.type == 'redirect')",
    message =
        "Only forward, redirect, authenticate-oidc, authenticate-cognito, jwt-validation, and"
            + " fixed-response action types are supported")
@ValidationRule(
    value =
        "!has(self.actions) || size(self.actions.filter(a, a.type == 'authenticate-oidc' ||"
            + " a.type == 'authenticate-cognito' || a.type == 'jwt-validation')) <= 1",
    message =
        "At most one pre-routing action (authenticate-oidc, authenticate-cognito, or"
            + " jwt-validation) can be specified")
@ValidationRule(
    value =
        "!has(self.actions) || size(self.actions.filter(a, a.type == 'fixed-response' || a.type"
            + " == 'forward' || a.type == 'redirect')) <= 1",
    message = "At most one routing action (fixed-response or forward or redirect) can be specified")
public class ListenerRuleConfigurationSpec {
  @Size(min = 1, max = 2)
  public List<Action> actions;

  @Size(min = 1)
  public List<Condition> conditions;

  public Map<String, String> tags;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value =
          "has(self.field) && self.field == 'source-ip' ? has(self.sourceIPConfig) :"
              + " !has(self.sourceIPConfig)",
      message = "sourceIPConfig must be specified only when field is 'source-ip'")
  public static class Condition {
    @Required public ConditionField field;

    @JsonProperty("sourceIPConfig")
    public SourceIpConfig sourceIpConfig;

    /** The route rule's match indexes this condition joins; all of them when absent. */
    public List<Integer> matchIndexes;
  }

  public enum ConditionField {
    @JsonProperty("source-ip")
    SOURCE_IP
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SourceIpConfig {
    @Required
    @Size(min = 1)
    public List<String> values;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value =
          "has(self.type) && self.type == 'forward' ? has(self.forwardConfig) :"
              + " !has(self.forwardConfig)",
      message = "forwardConfig must be specified only when type is 'forward'")
  @ValidationRule(
      value =
          "has(self.type) && self.type == 'redirect' ? has(self.redirectConfig) :"
              + " !has(self.redirectConfig)",
      message = "redirectConfig must be specified only when type is 'redirect'")
  @ValidationRule(
      value =
          "has(self.type) && self.type == 'fixed-response' ? has(self.fixedResponseConfig) :"
              + " !has(self.fixedResponseConfig)",
      message = "fixedResponseConfig must be specified only when type is 'fixed-response'")
  @ValidationRule(
      value =
          "has(self.type) && self.type == 'authenticate-cognito' ?"
              + " has(self.authenticateCognitoConfig) : !has(self.authenticateCognitoConfig)",
      message =
          "authenticateCognitoConfig must be specified only when type is 'authenticate-cognito'")
  @ValidationRule(
      value =
          "has(self.type) && self.type == 'authenticate-oidc' ? has(self.authenticateOIDCConfig)"
              + " : !has(self.authenticateOIDCConfig)",
      message = "authenticateOIDCConfig must be specified only when type is 'authenticate-oidc'")
  @ValidationRule(
      value =
          "has(self.type) && self.type == 'jwt-validation' ? has(self.jwtValidationConfig) :"
              + " !has(self.jwtValidationConfig)",
      message = "jwtValidationConfig must be specified only when type is 'jwt-validation'")
  public static class Action {
    @Required public ActionType type;
    public ForwardConfig forwardConfig;
    public RedirectConfig redirectConfig;
    public FixedResponseConfig fixedResponseConfig;
    public AuthenticateCognitoConfig authenticateCognitoConfig;

    @JsonProperty("authenticateOIDCConfig")
    public AuthenticateOidcConfig authenticateOidcConfig;

    public JwtValidationConfig jwtValidationConfig;
  }

  public enum ActionType {
    @JsonProperty("forward")
    FORWARD,
    @JsonProperty("fixed-response")
    FIXED_RESPONSE,
    @JsonProperty("redirect")
    REDIRECT,
    @JsonProperty("authenticate-cognito")
    AUTHENTICATE_COGNITO,
    @JsonProperty("authenticate-oidc")
    AUTHENTICATE_OIDC,
    @JsonProperty("jwt-validation")
    JWT_VALIDATION
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ForwardConfig {
    public Stickiness targetGroupStickinessConfig;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Stickiness {
    @Default("3600")
    @Min(1)
    @Max(604800)
    public Integer durationSeconds;

    @Default("false")
    public Boolean enabled;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RedirectConfig {
    @Default("#{query}")
    public String query;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class FixedResponseConfig {
    @Required
    @ValidationRule(
        value = "(self >= 200 && self <= 299) || (self >= 400 && self <= 599)",
        message = "StatusCode must be a valid HTTP status code in the 2XX, 4XX, or 5XX range")
    public Integer statusCode;

    @Default("text/plain")
    public ContentType contentType;

    public String messageBody;
  }

  public enum ContentType {
    @JsonProperty("text/plain")
    TEXT_PLAIN,
    @JsonProperty("text/css")
    TEXT_CSS,
    @JsonProperty("text/html")
    TEXT_HTML,
    @JsonProperty("application/javascript")
    APPLICATION_JAVASCRIPT,
    @JsonProperty("application/json")
    APPLICATION_JSON
  }

  public enum UnauthenticatedBehavior {
    @JsonProperty("deny")
    DENY,
    @JsonProperty("allow")
    ALLOW,
    @JsonProperty("authenticate")
    AUTHENTICATE
  }

  /** Fields the Cognito and OIDC actions share. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public abstract static class AuthenticateCommon {
    @Default("openid")
    public String scope;

    @Size(max = 10)
    public Map<String, String> authenticationRequestExtraParams;

    @Default("authenticate")
    public UnauthenticatedBehavior onUnauthenticatedRequest;

    @Default("AWSELBAuthSessionCookie")
    public String sessionCookieName;

    @Default("604800")
    @Min(1)
    @Max(604800)
    public Long sessionTimeout;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AuthenticateCognitoConfig extends AuthenticateCommon {
    @Required public String userPoolArn;
    @Required public String userPoolClientId;
    @Required public String userPoolDomain;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AuthenticateOidcConfig extends AuthenticateCommon {
    @Required public String authorizationEndpoint;
    @Required public SecretName secret;
    @Required public String issuer;
    @Required public String tokenEndpoint;
    @Required public String userInfoEndpoint;
    public Boolean useExistingClientSecret;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretName {
    @Required public String name;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class JwtValidationConfig {
    @Required
    @Size(max = 256)
    public String issuer;

    @Required
    @Size(max = 256)
    public String jwksEndpoint;

    public List<AdditionalClaim> additionalClaims;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AdditionalClaim {
    @Required public ClaimFormat format;

    @Required
    @Size(min = 1)
    public String name;

    @Required
    @Size(min = 1, max = 10)
    public List<@Size(max = 256) String> values;
  }

  public enum ClaimFormat {
    @JsonProperty("single-string")
    SINGLE_STRING,
    @JsonProperty("string-array")
    STRING_ARRAY,
    @JsonProperty("space-separated-values")
    SPACE_SEPARATED_VALUES
  }
}
