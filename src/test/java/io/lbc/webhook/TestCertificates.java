package io.lbc.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throw-away CA and the certificates it signs, made with the openssl command line. */
public final class TestCertificates {
  /** How the serving key is written. */
  public enum KeyFormat {
    PKCS8_RSA,
    PKCS1_RSA,
    SEC1_EC,
    PKCS8_EC
  }

  private final Path dir;
  private int issued;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** A new CA in {@code dir}. */
  public static TestCertificates newCa(Path dir) {
    var ca = new TestCertificates(dir);
    ca.openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=lbc-test-ca",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    return ca;
  }

  public Path caFile() {
    return dir.resolve("ca.crt");
  }

  public String caPem() {
    return read(caFile());
  }

  /**
   * Issues a certificate for 127.0.0.1 and writes it and its key to {@code certFile} and {@code
   * keyFile}, each replaced in one step (as a Secret volume does). Returns the serial in hex.
   */
  public String issue(Path certFile, Path keyFile, KeyFormat format) {
    String name = "serving-" + (++issued);
    String key = name + ".key";
    switch (format) {
      case PKCS8_RSA:
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key);
        break;
      case PKCS1_RSA:
        openssl("genrsa", "-traditional", "-out", key, "2048");
        break;
      case SEC1_EC:
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key);
        break;
      case PKCS8_EC:
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
        break;
      default:
        throw new IllegalArgumentException(format.name());
    }
    write(dir.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1\n");
    openssl("req", "-new", "-key", key, "-subj", "/CN=127.0.0.1", "-out", name + ".csr");
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".crt");
    String serial = openssl("x509", "-in", name + ".crt", "-noout", "-serial").trim();
    replace(dir.resolve(name + ".crt"), certFile);
    replace(dir.resolve(key), keyFile);
    return serial.substring(serial.indexOf('=') + 1).replaceFirst("^0+", "").toLowerCase();
  }

  /** Runs openssl in the CA's directory and returns its standard output. */
  public String openssl(String... args) {
    var command = new ArrayList<String>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("openssl failed: " + command);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void replace(Path from, Path to) {
    try {
      Path staged = to.resolveSibling(to.getFileName() + ".tmp");
      Files.copy(from, staged, StandardCopyOption.REPLACE_EXISTING);
      Files.move(staged, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
