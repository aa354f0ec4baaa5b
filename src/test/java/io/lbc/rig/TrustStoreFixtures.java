package io.lbc.rig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * ELBv2 trust stores in moto (through the {@code elbv2_trust_stores} extension): a CA bundle is put
 * in moto's S3, then CreateTrustStore reads it from there, as AWS does.
 */
public final class TrustStoreFixtures {
  static final String BUCKET = "lbc-test-trust-stores";

  private TrustStoreFixtures() {}

  /** Creates a trust store whose bundle holds one self-signed CA; returns its ARN. */
  public static String trustStore(AwsTestClients aws, String name) {
    String key = name + ".pem";
    putObject(aws.endpoint(), key, AwsFixtures.selfSignedCertificate(name + ".ca").certificate());
    return aws.elbv2()
        .createTrustStore(
            r -> r.name(name).caCertificatesBundleS3Bucket(BUCKET).caCertificatesBundleS3Key(key))
        .trustStores()
        .get(0)
        .trustStoreArn();
  }

  /**
   * Puts an object in moto's S3 over plain HTTP, creating the bucket first. The project has no S3
   * SDK module (the controller never calls S3); moto routes the request by the credential scope of
   * the Authorization header and does not check the signature.
   */
  public static void putObject(URI moto, String key, String body) {
    String bucketConfiguration =
        "<CreateBucketConfiguration><LocationConstraint>"
            + Rig.REGION
            + "</LocationConstraint></CreateBucketConfiguration>";
    put(moto.resolve("/" + BUCKET), bucketConfiguration, true);
    put(moto.resolve("/" + BUCKET + "/" + key), body, false);
  }

  private static void put(URI uri, String body, boolean existingIsFine) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/"
                    + Rig.REGION
                    + "/s3/aws4_request, SignedHeaders=host, Signature=0")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      boolean exists = response.statusCode() == 409 && existingIsFine;
      if (response.statusCode() / 100 != 2 && !exists) {
        throw new IllegalStateException(
            "moto S3 PUT " + uri + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto S3 PUT " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
