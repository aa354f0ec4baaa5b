package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.lbc.model.UserInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternsTest {
  private static HTTPIngressPath path(String path, String type) {
    return new HTTPIngressPathBuilder().withPath(path).withPathType(type).build();
  }

  @Test
  void exactFirstThenPrefixLongestFirstThenTheRestAsWritten() {
    List<HTTPIngressPath> paths =
        List.of(
            path("/b/*", "ImplementationSpecific"),
            path("/", "Prefix"),
            path("/unset", null),
            path("/exact-2", "Exact"),
            path("/aa", "Prefix"),
            path("/bb", "Prefix"),
            path("/exact-1", "Exact"),
            path("/long/prefix", "Prefix"));

    assertThat(PathPatterns.sort("spec.rules[0].http.paths", paths))
        .extracting(p -> p.path().getPath() + "#" + p.index())
        .containsExactly(
            "/exact-2#3",
            "/exact-1#6",
            "/long/prefix#7",
            "/aa#4",
            "/bb#5",
            "/#1",
            "/b/*#0",
            "/unset#2");
  }

  @Test
  void prefixMatchesThePathAndEverythingUnderIt() {
    assertThat(PathPatterns.patterns("f", "/foo", "Prefix")).containsExactly("/foo", "/foo/*");
    assertThat(PathPatterns.patterns("f", "/foo/", "Prefix")).containsExactly("/foo", "/foo/*");
    assertThat(PathPatterns.patterns("f", "/", "Prefix")).containsExactly("/*");
    assertThat(PathPatterns.patterns("f", "/foo", "Exact")).containsExactly("/foo");
    assertThat(PathPatterns.patterns("f", "/img/*.png", "ImplementationSpecific"))
        .containsExactly("/img/*.png");
    assertThat(PathPatterns.patterns("f", null, "ImplementationSpecific")).isEmpty();
  }

  @Test
  void wildcardsInExactOrPrefixPathsAndUnknownTypesAreErrorsNamingTheField() {
    assertThatThrownBy(
            () -> PathPatterns.patterns("spec.rules[0].http.paths[2].path", "/a*", "Exact"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("spec.rules[0].http.paths[2].path: ")
        .hasMessageContaining("ImplementationSpecific");
    assertThatThrownBy(() -> PathPatterns.patterns("f", "/a?", "Prefix"))
        .hasMessageContaining("wildcard");
    assertThatThrownBy(
            () -> PathPatterns.sort("spec.rules[1].http.paths", List.of(path("/", "Regex"))))
        .hasMessageStartingWith("spec.rules[1].http.paths[0].pathType: ");
  }
}
