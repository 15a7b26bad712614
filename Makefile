# soc-triage: one entry point for people and CI. `make run` needs no AWS account and no API key.
SHELL := /bin/bash
MVN ?= mvn -B
# the moment `make` started, so `make run` can report the time to the first verdict listed
export SOC_RUN_T0 := $(shell date +%s%3N)
# written by `build` next to the packaged application: the test class path the local stack runs on
LOCAL_CP := target/local-classpath.txt
# fixed launch flags of the local stack's own JVM (the function JVMs' flags are in LambdaFunction)
LOCAL_JAVA := java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto
SOURCES := pom.xml $(shell find src -type f 2>/dev/null)

.PHONY: bootstrap build run demo test bench

bootstrap:
	@.ci/bootstrap

# the Lambda artifact (target/*-runner.jar + target/lib, target/function.zip), the compiled test
# classes (the local stack lives there) and their class path; skipped when nothing changed
build: bootstrap $(LOCAL_CP)

$(LOCAL_CP): $(SOURCES)
	$(MVN) -q package -DskipTests org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
	  -Dmdep.includeScope=test -Dmdep.outputFile=$(LOCAL_CP)
	@touch $(LOCAL_CP) # the plugin leaves an unchanged file untouched; make needs the new time

# the whole pipeline on this machine: dynalite, the three functions under the AWS runtime client,
# a local API gateway on 127.0.0.1:$${SOC_PORT:-8787}, a Kestra stand-in; the sample logs ingested.
# Runs until Ctrl-C.
run: build
	@$(LOCAL_JAVA) -cp "target/test-classes:$$(cat $(LOCAL_CP))" dev.soctriage.local.LocalStack

# the same, then approve the brute-force verdict through the API, show the Kestra call, and exit
# (0 when the approval reached Kestra as the contract says)
demo: build
	@SOC_RUN_DEMO=1 $(LOCAL_JAVA) -cp "target/test-classes:$$(cat $(LOCAL_CP))" dev.soctriage.local.LocalStack

# unit and Quarkus tests (surefire), then the packaged application end to end (failsafe: *IT)
test: bootstrap
	$(MVN) verify -DskipITs=false

bench:
	@echo "bench: filled in by the lead"
