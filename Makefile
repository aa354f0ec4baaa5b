# The two commands a newcomer needs: `make demo` and `make test`. See README.md.
SHELL := /bin/bash
LBC_RIG_HOME ?= $(HOME)/.cache/lbc-rig
export LBC_RIG_HOME
MVN ?= mvn -B

.PHONY: test demo bench gateway-conformance rig build crds fmt clean

## test: provisions the test peers if missing, then runs unit and integration tests
test: rig
	$(MVN) verify

## demo: brings up the local rig and runs the controller against it until Ctrl-C
demo: rig build
	rig/demo

## bench: benchmarks that print figures and write target/bench/ (not part of test); BENCH_PODS sets
## the pod counts, BENCH_JVM='-XX:+UseG1GC|-XX:+UseSerialGC' compares JVM option sets, BENCH_SCALE
## the cold-start and failover size (1 = 1,000 Ingresses in 100 groups, 200 NLB Services)
BENCH_PODS ?= 0,5000,10000,20000
BENCH_JVM ?=
BENCH_SCALE ?= 1
bench: rig
	$(MVN) verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test='*Benchmark' -Dfailsafe.failIfNoSpecifiedTests=false -Dlbc.bench.pods=$(BENCH_PODS) \
	  -Dlbc.bench.jvm='$(BENCH_JVM)' -Dlbc.bench.scale=$(BENCH_SCALE)

## gateway-conformance: the upstream Gateway API conformance suite's status-only tests against the rig
## (not part of test; builds rig/gateway-conformance once); report in target/gateway-conformance/report.md
gateway-conformance: rig
	rig/gateway-conformance/build >/dev/null
	$(MVN) verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test=GatewayConformanceRun -Dfailsafe.failIfNoSpecifiedTests=false

## rig: installs moto and builds kube-apiserver, kubectl and etcd (once; cached in $(LBC_RIG_HOME))
rig:
	rig/install

## build: the runnable controller jar, target/aws-load-balancer-controller-*.jar
build:
	$(MVN) -q package -DskipTests

## crds: regenerates crds/ from the Java types, and the Helm chart's copies of the CRDs and RBAC rules
crds:
	$(MVN) -q test -Dtest=CrdsAreCurrentTest -Dlbc.update=true -Dsurefire.failIfNoSpecifiedTests=false
	$(MVN) -q test -Dtest=HelmChartSourcesTest -Dlbc.update=true -Dsurefire.failIfNoSpecifiedTests=false

## fmt: formats the Java sources (google-java-format)
fmt:
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
