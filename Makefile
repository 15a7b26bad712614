# soc-triage: one entry point for people and CI. `make run` needs no AWS account and no API key.
SHELL := /bin/bash
MVN ?= mvn -B
# the moment `make` started, so `make run` can report the time to the first verdict listed
export SOC_RUN_T0 := $(shell date +%s%3N)
LOCAL_CP := target/local-classpath.txt
# fixed launch flags for the local stack's own JVM (the function JVMs have theirs in LambdaFunction)
LOCAL_JAVA_FLAGS := -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto

.PHONY: bootstrap build run demo test bench

bootstrap:
	.ci/bootstrap

# the Lambda artifact (target/*-runner.jar + target/lib, target/function.zip), the compiled test
# classes (the local stack lives there) and their class path
build: bootstrap
	$(MVN) -q package -DskipTests org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
	  -Dmdep.includeScope=test -Dmdep.outputFile=$(LOCAL_CP)

# the whole pipeline on this machine: dynalite, the three functions under the AWS runtime client,
# a local API gateway on 127.0.0.1:$${SOC_PORT:-8787}, a Kestra stand-in; the sample logs ingested
run: build
	java $(LOCAL_JAVA_FLAGS) -cp "target/test-classes:$$(cat $(LOCAL_CP))" dev.soctriage.local.LocalStack

# the same, then approve the brute-force verdict, show the Kestra call, and exit (0 when it behaved)
demo: build
	SOC_RUN_DEMO=1 java $(LOCAL_JAVA_FLAGS) -cp "target/test-classes:$$(cat $(LOCAL_CP))" dev.soctriage.local.LocalStack

# unit and Quarkus tests (surefire), then the packaged application end to end (failsafe: *IT)
test: bootstrap
	$(MVN) verify -DskipITs=false

bench:
	@echo "bench: filled in by the lead"
