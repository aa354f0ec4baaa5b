package io.lbc.webhook.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificate chains and unencrypted private keys: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * RSA ({@code RSA PRIVATE KEY}, cert-manager's default) and SEC1 EC ({@code EC PRIVATE KEY}).
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

  private static final byte[] RSA_ALGORITHM =
      HexFormat.of().parseHex("300d06092a864886f70d0101010500"); // rsaEncryption, NULL
  private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");
  private static final byte[] VERSION_0 = {Der.INTEGER, 1, 0};
  private static final List<String> PKCS8_ALGORITHMS =
      List.of("RSA", "EC", "Ed25519", "RSASSA-PSS");

  private Pem() {}

  /** Every certificate in the text, leaf first as written. */
  public static List<X509Certificate> certificates(String pem) {
    var result = new ArrayList<X509Certificate>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(pem)) {
        if (block.type().equals("CERTIFICATE")) {
          result.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid certificate: " + e.getMessage(), e);
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("no CERTIFICATE block found");
    }
    return result;
  }

  /** The first private key in the text. */
  public static PrivateKey privateKey(String pem) {
    for (Block block : blocks(pem)) {
      switch (block.type()) {
        case "PRIVATE KEY":
          return pkcs8(block.der());
        case "RSA PRIVATE KEY":
          rejectEncrypted(block);
          return pkcs8(Der.sequence(VERSION_0, RSA_ALGORITHM, octets(block.der())));
        case "EC PRIVATE KEY":
          rejectEncrypted(block);
          return pkcs8(
              Der.sequence(
                  VERSION_0,
                  Der.sequence(EC_PUBLIC_KEY_OID, curveOf(block.der())),
                  octets(block.der())));
        case "ENCRYPTED PRIVATE KEY":
          throw new IllegalArgumentException("encrypted private keys are not supported");
        default:
          // certificates or parameters next to the key
      }
    }
    throw new IllegalArgumentException("no PRIVATE KEY block found");
  }

  private record Block(String type, String headers, byte[] der) {}

  private static List<Block> blocks(String pem) {
    var result = new ArrayList<Block>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      var headers = new StringBuilder();
      var body = new StringBuilder();
      for (String line : m.group(2).split("\\R")) {
        (line.contains(":") ? headers : body).append(line.strip()).append('\n');
      }
      try {
        byte[] der = Base64.getMimeDecoder().decode(body.toString());
        result.add(new Block(m.group(1), headers.toString(), der));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid base64 in " + m.group(1) + " block", e);
      }
    }
    return result;
  }

  private static void rejectEncrypted(Block block) {
    if (block.headers().contains("ENCRYPTED")) {
      throw new IllegalArgumentException("encrypted private keys are not supported");
    }
  }

  private static byte[] octets(byte[] content) {
    return Der.element(Der.OCTET_STRING, content);
  }

  /** The named-curve OID of a SEC1 key, from its [0] parameters. */
  private static byte[] curveOf(byte[] sec1) {
    for (Der.Element element : Der.children(sec1)) {
      if (element.tag() == Der.CONTEXT_0) {
        Der.Element oid = Der.read(element.content(), 0);
        if (oid.tag() == Der.OID) {
          return oid.encoded();
        }
      }
    }
    throw new IllegalArgumentException("EC PRIVATE KEY without a named curve");
  }

  private static PrivateKey pkcs8(byte[] der) {
    var spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : PKCS8_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new IllegalArgumentException("unsupported or malformed private key");
  }
}
