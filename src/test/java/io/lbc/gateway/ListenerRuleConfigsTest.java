package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.reconcile.OidcSecretSource.SecretKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which configurations a route names, and which Secret a configuration's OIDC action needs. */
class ListenerRuleConfigsTest {

  @Test
  void aRouteNamesTheConfigurationsOfItsExtensionRefFiltersOnly() {
    HTTPRoute http =
        Serialization.unmarshal(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {namespace: shop, name: r}
            spec:
              rules:
                - filters:
                    - type: ExtensionRef
                      extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: sso}
                    - type: URLRewrite
                      urlRewrite: {hostname: x.example.com}
                - filters:
                    - type: ExtensionRef
                      extensionRef: {group: example.com, kind: Other, name: other}
                - filters:
                    - type: ExtensionRef
                      extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: tags}
                - {}
            """,
            HTTPRoute.class);
    GRPCRoute grpc =
        Serialization.unmarshal(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: {namespace: shop, name: g}
            spec:
              rules:
                - filters:
                    - type: ExtensionRef
                      extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: grpc-sso}
            """,
            GRPCRoute.class);

    assertThat(ListenerRuleConfigs.names(RouteView.of(http)))
        .containsExactlyInAnyOrder("sso", "tags");
    assertThat(ListenerRuleConfigs.names(RouteView.of(grpc))).containsExactly("grpc-sso");
  }

  @Test
  void theOidcSecretIsTheFirstAuthenticateOidcActionsInTheConfigurationsNamespace() {
    assertThat(
            ListenerRuleConfigs.oidcSecret(
                configuration(
                    """
              - type: authenticate-oidc
                authenticateOIDCConfig:
                  issuer: https://idp.example.com
                  authorizationEndpoint: https://idp.example.com/auth
                  tokenEndpoint: https://idp.example.com/token
                  userInfoEndpoint: https://idp.example.com/userinfo
                  secret: {name: idp}
              - type: forward
            """)))
        .contains(new SecretKey("shop", "idp"));
    assertThat(
            ListenerRuleConfigs.oidcSecret(
                configuration(
                    """
              - type: authenticate-cognito
                authenticateCognitoConfig: {userPoolArn: arn, userPoolClientId: c, userPoolDomain: d}
            """)))
        .isEqualTo(Optional.empty());
    var empty = new ListenerRuleConfiguration();
    empty.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withNamespace("shop")
            .withName("e")
            .build());
    assertThat(ListenerRuleConfigs.oidcSecret(empty)).isEmpty();
  }

  private static ListenerRuleConfiguration configuration(String actions) {
    return Serialization.unmarshal(
        """
        apiVersion: gateway.k8s.aws/v1
        kind: ListenerRuleConfiguration
        metadata: {namespace: shop, name: c}
        spec:
          actions:
        """
            + actions,
        ListenerRuleConfiguration.class);
  }
}
