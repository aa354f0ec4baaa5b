package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.acm.Acm;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Vpc;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.fake.InMemoryEc2;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadOnlyPortsTest {
  static final String REFUSAL = "read-only, refused ";

  @Test
  void readsReachTheDelegateAndAWriteThrowsWithoutReachingIt() {
    var ec2 = new InMemoryEc2();
    ec2.addVpc("vpc-1", "10.0.0.0/16");
    Ec2 readOnly = ReadOnlyPorts.of(Ec2.class, ec2, REFUSAL);

    assertThat(readOnly.describeVpc("vpc-1")).map(Vpc::vpcId).contains("vpc-1");
    assertThatThrownBy(() -> readOnly.authorizeIngress("sg-1", List.of()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(REFUSAL + "authorizeIngress");
    assertThat(ec2.calls("DescribeVpcs")).isEqualTo(1);
    assertThat(ec2.calls("AuthorizeSecurityGroupIngress")).isZero();
  }

  @Test
  void everyMethodOfThePortsThatIsNotADescribeFindOrListThrows() throws Exception {
    for (Class<?> port : List.of(Ec2.class, Elbv2.class, Acm.class)) {
      Object readOnly = readOnlyOverNothing(port);
      for (Method method : port.getMethods()) {
        if (ReadOnlyPorts.isRead(method.getName())) {
          continue;
        }
        assertThatThrownBy(() -> invoke(readOnly, method))
            .as(port.getSimpleName() + "." + method.getName())
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessage(REFUSAL + method.getName());
      }
    }
  }

  @Test
  void aReadsObjectMissingARead() {
    assertThatThrownBy(() -> ReadOnlyPorts.over(Acm.class, new OnlyDescribes(), REFUSAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listCertificateArns");
  }

  @Test
  void aReadsObjectThatIsNotAPortAnswersTheReads() {
    Acm acm = ReadOnlyPorts.over(Acm.class, new AllReads(), REFUSAL);

    assertThat(acm.listCertificateArns(List.of("ISSUED"))).containsExactly("arn:ISSUED");
    assertThat(acm.describeCertificate("arn:x")).isEmpty();
  }

  /** Answers only one of Acm's two reads. */
  public static final class OnlyDescribes {
    public Optional<io.lbc.aws.acm.Certificate> describeCertificate(String arn) {
      return Optional.empty();
    }
  }

  public static final class AllReads {
    public List<String> listCertificateArns(List<String> statuses) {
      return statuses.stream().map(s -> "arn:" + s).toList();
    }

    public Optional<io.lbc.aws.acm.Certificate> describeCertificate(String arn) {
      return Optional.empty();
    }
  }

  /** Over a delegate that fails the test if anything reaches it. */
  private static <T> T readOnlyOverNothing(Class<T> port) {
    T unreachable =
        port.cast(
            Proxy.newProxyInstance(
                port.getClassLoader(),
                new Class<?>[] {port},
                (self, method, args) -> {
                  throw new AssertionError("reached the delegate: " + method.getName());
                }));
    return ReadOnlyPorts.of(port, unreachable, REFUSAL);
  }

  private static void invoke(Object target, Method method) throws Throwable {
    Object[] args =
        Arrays.stream(method.getParameterTypes())
            .map(type -> type == int.class ? 0 : type == boolean.class ? false : null)
            .toArray();
    try {
      method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
