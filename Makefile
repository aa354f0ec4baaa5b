# The two commands a newcomer needs: `make demo` and `make test`. See README.md.
SHELL := /bin/bash
LBC_RIG_HOME ?= $(HOME)/.cache/lbc-rig
export LBC_RIG_HOME
MVN ?= mvn -B

.PHONY: test demo bench rig build crds fmt clean

## test: provisions the test peers if missing, then runs unit and integration tests
test: rig
	$(MVN) verify

## demo: brings up the local rig and runs the controller against it until Ctrl-C
demo: rig build
	rig/demo

## bench: benchmarks that print figures (not part of test); BENCH_PODS=0,2500,5000 sets the sizes
BENCH_PODS ?= 0,2500,5000
bench: rig
	$(MVN) verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test='*Benchmark' -Dfailsafe.failIfNoSpecifiedTests=false -Dlbc.bench.pods=$(BENCH_PODS)

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
