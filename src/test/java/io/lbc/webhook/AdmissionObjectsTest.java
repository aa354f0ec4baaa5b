package io.lbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;

/** The object of an admission request, read without fabric8's class-path scan, still decodes. */
class AdmissionObjectsTest {
  private static final String INGRESS =
      """
      {"apiVersion":"networking.k8s.io/v1","kind":"Ingress",
       "metadata":{"name":"web","namespace":"shop"},
       "spec":{"ingressClassName":"alb"}}""";

  @Test
  void admissionRequestsDecodeToTheExpectedType() throws Exception {
    AdmissionReview review =
        AdmissionObjects.JSON.readValue(
            """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",
             "request":{"uid":"1","operation":"CREATE","object":%s}}"""
                .formatted(INGRESS),
            AdmissionReview.class);
    Ingress ingress = AdmissionObjects.object(review.getRequest(), Ingress.class);
    assertThat(ingress.getMetadata().getName()).isEqualTo("web");
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("alb");
  }
}
