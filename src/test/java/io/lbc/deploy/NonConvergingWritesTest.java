package io.lbc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.model.StackId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonConvergingWritesTest {
  private static final StackId STACK = StackId.service("ns", "web");

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MutableClock clock = new MutableClock();
  private final NonConvergingWrites tracker = new NonConvergingWrites(clock);

  /** One deploy that finds the field drifted: whether it wrote, and the session. */
  private NonConvergingWrites.Session drifted(String desired) {
    var session = tracker.session(STACK);
    session.mayWrite("listener", "443", "alpnPolicy", List.of(desired), List.of());
    return session;
  }

  private boolean writes(String desired) {
    return tracker
        .session(STACK)
        .mayWrite("listener", "443", "alpnPolicy", List.of(desired), List.of());
  }

  @Test
  void aDriftThatNeverShowsIsWrittenThreeTimesWithBackoffThenReportedOnceAndLeftAlone() {
    int written = 0;
    int warnings = 0;
    for (int second = 0; second < 120; second++) {
      var session = tracker.session(STACK);
      if (session.mayWrite("listener", "443", "alpnPolicy", List.of("HTTP2Only"), List.of())) {
        written++;
      }
      warnings += session.warnings().size();
      clock.now = clock.now.plusSeconds(1);
    }
    assertThat(written).isEqualTo(NonConvergingWrites.MAX_WRITES);
    assertThat(warnings).isOne();
  }

  @Test
  void retriesWaitTheBackoffAndAskForARecheck() {
    assertThat(writes("HTTP2Only")).isTrue(); // the first write is the ordinary one
    var tooSoon = tracker.session(STACK);
    assertThat(tooSoon.mayWrite("listener", "443", "alpnPolicy", List.of("HTTP2Only"), List.of()))
        .isFalse();
    assertThat(tooSoon.recheckAfter()).contains(Duration.ofSeconds(3));

    clock.now = clock.now.plusSeconds(3);
    var retry = tracker.session(STACK);
    assertThat(retry.mayWrite("listener", "443", "alpnPolicy", List.of("HTTP2Only"), List.of()))
        .isTrue();
    assertThat(retry.recheckAfter()).contains(Duration.ofSeconds(6));
  }

  @Test
  void theWarningNamesTheResourceTheFieldAndWhatIsReadBack() {
    writes("HTTP2Only");
    clock.now = clock.now.plusSeconds(3);
    writes("HTTP2Only");
    clock.now = clock.now.plusSeconds(6);
    writes("HTTP2Only");
    var session = drifted("HTTP2Only");

    assertThat(session.warnings())
        .singleElement()
        .asString()
        .contains("listener 443: alpnPolicy (reads back []) does not converge", "written 3 times");
  }

  @Test
  void fieldsOfOneResourceGivenUpTogetherMakeOneWarning() {
    for (int write = 0; write < 3; write++) {
      var session = tracker.session(STACK);
      session.mayWrite("listener", "80", "protocol", "TLS", "TCP");
      session.mayWrite("listener", "80", "sslPolicy", "p", null);
      clock.now = clock.now.plusSeconds(60);
    }
    var session = tracker.session(STACK);
    session.mayWrite("listener", "80", "protocol", "TLS", "TCP");
    session.mayWrite("listener", "80", "sslPolicy", "p", null);

    assertThat(session.warnings())
        .containsExactly(
            "listener 80: protocol (reads back TCP), sslPolicy (reads back null) do not converge:"
                + " written 3 times without effect; not writing them again until the desired value"
                + " changes");
  }

  @Test
  void aNewDesiredValueIsWrittenAtOnceAndCountsAfresh() {
    writes("HTTP2Only");
    clock.now = clock.now.plusSeconds(3);
    writes("HTTP2Only");
    clock.now = clock.now.plusSeconds(6);
    writes("HTTP2Only");
    assertThat(writes("HTTP2Only")).isFalse();

    assertThat(writes("HTTP1Only")).isTrue();
  }

  @Test
  void aFieldThatConvergesIsForgotten() {
    writes("HTTP2Only");
    tracker.session(STACK).converged("listener", "443", "alpnPolicy");

    assertThat(writes("HTTP2Only")).as("a later drift is written at once").isTrue();
  }

  @Test
  void fieldsResourcesAndStacksAreTrackedApart() {
    writes("HTTP2Only");
    var session = tracker.session(STACK);
    assertThat(session.mayWrite("listener", "443", "sslPolicy", "p", "q")).isTrue();
    assertThat(session.mayWrite("listener", "8443", "alpnPolicy", List.of("HTTP2Only"), List.of()))
        .isTrue();
    assertThat(
            tracker
                .session(StackId.service("ns", "other"))
                .mayWrite("listener", "443", "alpnPolicy", List.of("HTTP2Only"), List.of()))
        .isTrue();
  }
}
