package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.model.UserInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenPortsTest {
  @Test
  void readsOneKeyObjectsSortedByPort() {
    assertThat(ListenPorts.parse("[{\"HTTPS\": 443}, {\"HTTP\": 80}, {\"HTTP\": 8080}]"))
        .containsExactly(Map.entry(80, "HTTP"), Map.entry(443, "HTTPS"), Map.entry(8080, "HTTP"));
    assertThat(ListenPorts.parse("[{\"HTTP\": 80, \"HTTPS\": 443}]")).hasSize(2);
    assertThat(ListenPorts.parse("[{\"HTTP\": 80}, {\"HTTP\": 80}]")).hasSize(1);
  }

  @Test
  void defaultsToHttp80OrHttps443WithAnExplicitCertificate() {
    assertThat(ListenPorts.defaults(false)).containsExactly(Map.entry(80, "HTTP"));
    assertThat(ListenPorts.defaults(true)).containsExactly(Map.entry(443, "HTTPS"));
  }

  @Test
  void everyMistakeNamesTheAnnotationAndSaysWhatIsWrong() {
    assertRejected("{\"HTTP\": 80}", "is not a JSON list");
    assertRejected("[{\"HTTP\": 80}", "is not JSON");
    assertRejected("[]", "empty list");
    assertRejected("[{\"TCP\": 80}]", "protocol 'TCP' is not one of HTTP, HTTPS");
    assertRejected("[{\"HTTP\": 0}]", "port 0 is not within [1, 65535]");
    assertRejected("[{\"HTTP\": 65536}]", "port 65536 is not within [1, 65535]");
    assertRejected("[{\"HTTP\": \"80\"}]", "is not an integer");
    assertRejected("[80]", "is not an object");
    assertRejected("[{\"HTTP\": 80}, {\"HTTPS\": 80}]", "port 80 is listed as both HTTP and HTTPS");
  }

  private static void assertRejected(String raw, String message) {
    assertThatThrownBy(() -> ListenPorts.parse(raw))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(message)
        .satisfies(
            e ->
                assertThat(((UserInputException) e).field())
                    .isEqualTo("alb.ingress.kubernetes.io/listen-ports"));
  }
}
