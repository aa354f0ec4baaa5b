package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.model.UserInputException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks the model builder and the Ingress webhook share, messages included. */
class ConditionAnnotationsTest {
  static final String KEY = "alb.ingress.kubernetes.io/conditions.svc";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"field\":\"host-header\",\"hostHeaderConfig\":{\"values\":[\"a.example.com\"]}}]",
        "[{\"Field\":\"host-header\",\"HostHeaderConfig\":{\"values\":[\"a\"]}}]",
        "[{\"field\":\"http-header\",\"httpHeaderConfig\":{\"httpHeaderName\":\"X-A\",\"values\":[\"1\"]}}]",
        "[{\"field\":\"http-request-method\",\"httpRequestMethodConfig\":{\"values\":[\"GET\"]}}]",
        "[{\"field\":\"path-pattern\",\"pathPatternConfig\":{\"values\":[\"/a\"]}}]",
        "[{\"field\":\"query-string\",\"queryStringConfig\":{\"values\":[{\"key\":\"k\",\"value\":\"v\"}]}}]",
        "[{\"field\":\"source-ip\",\"sourceIpConfig\":{\"values\":[\"10.0.0.0/8\",\"2001:db8::/32\"]}}]",
        "[{\"field\":\"source-ip\",\"sourceIPConfig\":{\"values\":[\"10.0.0.0/8\"]},\"unknown\":1}]",
        "[{\"field\":\"host-header\",\"hostHeaderConfig\":{\"regexValues\":[\"^(www|m)\\\\.a$\"]}}]",
        "[{\"field\":\"path-pattern\",\"pathPatternConfig\":{\"regexValues\":[\"api/v[0-9]+\"]}}]",
        "[{\"field\":\"http-header\",\"httpHeaderConfig\":{\"httpHeaderName\":\"X-A\",\"regexValues\":[\".*1\"]}}]",
        "[]",
        "null"
      })
  void admitsWhatTheReferenceAdmits(String json) {
    assertThatCode(() -> ConditionAnnotations.checkAll(Map.of(KEY, json)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{\"field\":\"host-header\"}] | condition 0: missing hostHeaderConfig",
        "[{\"field\":\"path-pattern\",\"pathPatternConfig\":{\"values\":[\"/a\"],\"regexValues\":[\"a\"]}}] | condition 0: invalid pathPatternConfig: precisely one of values and regexValues can be specified",
        "[{\"field\":\"http-header\",\"httpHeaderConfig\":{\"values\":[\"1\"]}}] | condition 0: invalid httpHeaderConfig: httpHeaderName must be specified",
        "[{\"field\":\"http-request-method\",\"httpRequestMethodConfig\":{}}] | condition 0: invalid httpRequestMethodConfig: values cannot be empty",
        "[{\"field\":\"query-string\",\"queryStringConfig\":{\"values\":[{\"key\":\"k\"}]}}] | condition 0: invalid queryStringConfig: value cannot be empty",
        "[{\"field\":\"source-ip\",\"sourceIpConfig\":{\"values\":[\"10.0.0.300/8\"]}}] | condition 0: invalid sourceIPConfig: \"10.0.0.300/8\" is not a CIDR",
        "[{\"field\":\"path-pattern\",\"pathPatternConfig\":{\"values\":[\"/a\"]}},{\"field\":\"cookie\"}] | condition 1: unknown field \"cookie\"; must be one of host-header, http-header, http-request-method, path-pattern, query-string, source-ip",
        "[{\"field\":\"host-header\",\"hostHeaderConfig\":{\"regexValues\":[\"^(a\"]}}] | condition 0: invalid hostHeaderConfig: \"^(a\" is not a valid regex: Unclosed group near index 3",
        "[{\"field\":\"http-header\",\"httpHeaderConfig\":{\"httpHeaderName\":\"X-A\",\"regexValues\":[\"\"]}}] | condition 0: invalid httpHeaderConfig: a regex cannot be empty",
        "[{\"hostHeaderConfig\":{\"values\":[\"a\"]}}] | condition 0: field must be one of host-header, http-header, http-request-method, path-pattern, query-string, source-ip",
      })
  void refusesWithTheAnnotationAndTheConditionNamed(String json, String problem) {
    assertThatThrownBy(() -> ConditionAnnotations.checkAll(Map.of(KEY, json)))
        .isInstanceOfSatisfying(
            UserInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo(KEY);
              assertThat(e.getMessage()).isEqualTo(KEY + ": " + problem);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"field\":\"host-header\"}", "[{\"field\":", "not json"})
  void refusesJsonThatIsNotAList(String json) {
    assertThatThrownBy(() -> ConditionAnnotations.checkAll(Map.of(KEY, json)))
        .hasMessageStartingWith(KEY + ": is not valid JSON");
  }
}
