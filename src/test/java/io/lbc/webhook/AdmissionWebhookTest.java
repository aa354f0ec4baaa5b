package io.lbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared part of every handler: identity, decoding and the deletion rule of validators. */
class AdmissionWebhookTest {
  final List<String> validated = new ArrayList<>();

  final ValidatingWebhook<ConfigMap> validator =
      new ValidatingWebhook<>("/validate-x", ConfigMap.class) {
        @Override
        protected void validate(AdmissionRequest request, ConfigMap object) {
          validated.add(object.getMetadata().getName());
          throw Denial.invalid("checkX", "data: is wrong");
        }
      };

  final MutatingWebhook<ConfigMap> mutator =
      new MutatingWebhook<>("/mutate-x", ConfigMap.class, true) {
        @Override
        protected boolean applies(AdmissionRequest request) {
          return AdmissionObjects.isCreate(request);
        }

        @Override
        protected List<PatchOperation> patch(AdmissionRequest request, ConfigMap object) {
          return List.of(PatchOperation.add("/data/seen", object.getMetadata().getName()));
        }
      };

  @Test
  void handlersCarryTheirPathKindAndFailureMode() {
    assertThat(validator.path()).isEqualTo("/validate-x");
    assertThat(validator.kind()).isEqualTo(AdmissionHandler.Kind.VALIDATING);
    assertThat(validator.failOpen()).isFalse();
    assertThat(mutator.path()).isEqualTo("/mutate-x");
    assertThat(mutator.kind()).isEqualTo(AdmissionHandler.Kind.MUTATING);
    assertThat(mutator.failOpen()).isTrue();
  }

  @Test
  void aValidatorDecidesOnTheDecodedObjectButNeverRefusesOneBeingDeleted() {
    ConfigMap live = new ConfigMapBuilder().withNewMetadata().withName("a").endMetadata().build();
    ConfigMap deleting =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("b")
            .withDeletionTimestamp(Instant.now().toString())
            .endMetadata()
            .build();

    assertThatThrownBy(() -> validator.admit(Requests.create(live)))
        .isInstanceOf(Denial.class)
        .hasMessageContaining("data: is wrong");
    assertThat(validator.admit(Requests.update(deleting, live)).allowed()).isTrue();
    assertThat(validated).containsExactly("a");
  }

  @Test
  void aMutatorPatchesTheRequestsItAppliesToAndLeavesTheOthersUndecoded() {
    ConfigMap object = new ConfigMapBuilder().withNewMetadata().withName("a").endMetadata().build();
    AdmissionRequest withoutObject =
        new AdmissionRequestBuilder().withUid("u").withOperation("DELETE").build();

    assertThat(mutator.admit(Requests.create(object)).patch())
        .containsExactly(PatchOperation.add("/data/seen", "a"));
    assertThat(mutator.admit(withoutObject)).isEqualTo(Decision.allow());
  }
}
