# soc-triage: one entry point for people and CI. `make run` needs no AWS account and no API key.
SHELL := /bin/bash
MVN ?= mvn -B
# the moment `make` started, so `make run` can report the time to the first verdict listed
export SOC_RUN_T0 := $(shell date +%s%3N)
# touched by `build` once the application is packaged (target/*-runner.jar + target/lib)
PACKAGED := target/.packaged
# touched once target/lambda (the deployed start: bootstrap, app, runtime client, trained caches) is made
LAMBDA_TRAINED := target/lambda/.trained
# the local stack, a Maven project of its own (local/): its jar, whose main is LocalStack, and target/lib
LOCAL_JAR := local/target/soc-triage-local.jar
# fixed launch flags of the local stack's own JVM (the function JVMs' flags are in LambdaFunction)
LOCAL_JAVA := java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto
SOURCES := pom.xml $(shell find src -path src/main/webui -prune -o -type f -print 2>/dev/null)
# the local stack's sources, and those of the loopback servers it shares with the tests (local/servers)
LOCAL_SOURCES := $(shell find local -path '*/target' -prune -o -type f -print 2>/dev/null)
# the analyst console: sources in src/main/webui (ES modules, bundled by esbuild), served files in WEBUI
WEBUI := target/webui
WEBUI_SOURCES := $(shell find src/main/webui -path src/main/webui/node_modules -prune -o -type f -print 2>/dev/null)
# $(call listed,NAME,FILES): a file naming FILES, rewritten only when the set changes. As a prerequisite it
# rebuilds a target when one of its sources is deleted or renamed, which the files' times alone never show.
listed = $(shell mkdir -p target/.sources && printf '%s\n' $(2) > target/.sources/$(1).new && \
  { cmp -s target/.sources/$(1).new target/.sources/$(1) && rm -f target/.sources/$(1).new \
    || mv -f target/.sources/$(1).new target/.sources/$(1); } && echo target/.sources/$(1))

.PHONY: bootstrap build run demo test bench test-local test-console

bootstrap:
	@.ci/bootstrap

# the Lambda artifact (target/*-runner.jar + target/lib, target/function.zip), the local stack
# (local/target/soc-triage-local.jar + local/target/lib), the console (target/webui) and the deployed
# start (target/lambda: the bootstrap and each function's trained start-up cache); each skipped when its
# sources did not change
build: bootstrap $(PACKAGED) $(LOCAL_JAR) $(WEBUI)/index.html $(LAMBDA_TRAINED)

# target/lambda (docs/startup.md): bootstrap, the application in app/ (copied keeping the jars' times,
# which a start-up cache checks), the runtime client in ric/ (mvn package put it there), and aot/: each
# function's start-up cache, trained on real invocations of that function through this very bootstrap
$(LAMBDA_TRAINED): $(PACKAGED) $(LOCAL_JAR) src/main/lambda/bootstrap
	@rm -rf target/lambda/app target/lambda/aot target/lambda/training
	@mkdir -p target/lambda/app
	@cp -p target/*-runner.jar target/lambda/app/
	@cp -pR target/lib target/lambda/app/lib
	@install -m 755 src/main/lambda/bootstrap target/lambda/bootstrap
	@$(LOCAL_JAVA) -cp $(LOCAL_JAR) dev.soctriage.local.Train
	@touch $@

$(PACKAGED): $(SOURCES) $(call listed,app,$(SOURCES))
	$(MVN) -q package -Dmaven.test.skip=true
	@touch $(PACKAGED)

$(LOCAL_JAR): $(LOCAL_SOURCES) $(call listed,local,$(LOCAL_SOURCES))
	$(MVN) -q -f local/pom.xml package -DskipTests
	@touch $@ # Maven keeps an unchanged jar's time: without this a deleted source would rebuild it every run

# the page, its stylesheet and the bundled modules (the OIDC client in a chunk of its own)
$(WEBUI)/index.html: $(WEBUI_SOURCES) $(call listed,webui,$(WEBUI_SOURCES))
	node src/main/webui/build.mjs $(WEBUI)

# the whole pipeline on this machine: dynalite, the three functions under the AWS runtime client,
# a local API gateway on 127.0.0.1:$${SOC_PORT:-8787}, a Kestra stand-in; the sample logs ingested.
# Runs until Ctrl-C.
run: build
	@$(LOCAL_JAVA) -jar $(LOCAL_JAR)

# the same, then approve the brute-force verdict through the API, show the Kestra call, and exit
# (0 when the approval reached Kestra as the contract says)
demo: build
	@SOC_RUN_DEMO=1 $(LOCAL_JAVA) -jar $(LOCAL_JAR)

# Java 21+ for the Kestra module (Kestra 2.0 needs it); the Lambda artifact stays on Java 17
JDK21 ?= /usr/lib/jvm/temurin-25-jdk-amd64
# the fuzz tests that run for their maxDuration in `make test` (one per JVM: Jazzer's rule)
FUZZ_TESTS := ParsersFuzzTest\#anyLine_parsesWithoutThrowing_andActorIsCanonical \
	ParsersFuzzTest\#anyBatch_parseAllKeepsSizeAndOrder GrouperFuzzTest\#anyBatch_groupsEveryEventOnce \
	UntrustedTextFuzzTest\#rules_holdForAnyText DecodersFuzzTest\#anyEnvelope_decodesOrFailsClearly \
	DecodersFuzzTest\#anyS3Object_readsOrFailsClearly \
	SignaturesFuzzTest\#anyLine_isLabelled_andEveryShortcutAgreesWithItsSpec

.PHONY: fuzz test-kestra test-infra test-jdk21 test-sigmahq

# SigmaHQ's rule folders, when this machine has them (CI has ../shared): the first of $$SIGMA_RULES,
# ../shared/sigma/rules, /work/shared/sigma/rules that exists
SIGMA_RULES_DIR := $(firstword $(foreach d,$(SIGMA_RULES) ../shared/sigma/rules /work/shared/sigma/rules,$(wildcard $(d))))

# the whole suite: unit and Quarkus tests (surefire), the local stack's tests and the packaged
# application end to end (LocalStackIT), the analyst console in headless Chromium against the local
# stack, a bounded fuzzing run, the Kestra flows run by Kestra itself, the log tests on JDK 21+, the
# deployment templates
test: bootstrap
	rm -rf target/aws-operations # what the functions call, recorded afresh by this run's tests
	$(MVN) verify -DskipITs=false
	@touch $(PACKAGED) # verify packaged the application
	$(MAKE) --no-print-directory test-local
	$(MAKE) --no-print-directory test-console
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory test-kestra
	$(MAKE) --no-print-directory test-jdk21
	$(MAKE) --no-print-directory test-infra AWS_OPERATIONS=target/aws-operations
	$(MAKE) --no-print-directory test-sigmahq

# SigmaHQ's folders loaded as DETECTION_RULES loads them: every rule parses, runs or is refused with why
# (counts and reasons in target/sigmahq-rules.md). Without the folder it says so and runs nothing.
test-sigmahq: bootstrap
	@if [ -z "$(SIGMA_RULES_DIR)" ]; then \
	  echo "test-sigmahq: NOT RUN: SigmaHQ's rules were not found (set SIGMA_RULES, or have ../shared/sigma/rules)"; \
	else \
	  echo "test-sigmahq: $(SIGMA_RULES_DIR)"; \
	  $(MVN) -q test -Dtest=SigmaHqRulesCheck -Dsurefire.failIfNoSpecifiedTests=false -Dsigma.rules="$(abspath $(SIGMA_RULES_DIR))"; \
	fi

# coverage-guided fuzzing (Jazzer), each target for its maxDuration (about 20 s)
fuzz: bootstrap
	@for t in $(FUZZ_TESTS); do echo "fuzz: $$t"; \
	  JAZZER_FUZZ=1 $(MVN) -q test -Djazzer.hooks=true -Dtest="$$t" -Dsurefire.failIfNoSpecifiedTests=false || exit 1; done

test-kestra:
	@test -x $(JDK21)/bin/java || { echo "test-kestra: a JDK 21+ is needed at JDK21=$(JDK21)"; exit 1; }
	JAVA_HOME=$(JDK21) $(MVN) -f kestra/pom.xml clean test

# the log-understanding tests again on a Java 21+ runtime, as Lambda runs them (java21):
# java.util.regex changed after 17 (what \b counts as a word character, for one)
test-jdk21:
	@test -x $(JDK21)/bin/java || { echo "test-jdk21: a JDK 21+ is needed at JDK21=$(JDK21)"; exit 1; }
	JAVA_HOME=$(JDK21) $(MVN) -q test -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dtest='dev.soctriage.triage.*Test,dev.soctriage.parse.*Test,dev.soctriage.group.*Test,dev.soctriage.net.*Test,dev.soctriage.text.*Test,dev.soctriage.guard.*Test'

# the deployment templates, offline and strict (a step whose tool is missing fails; .ci/run says where
# the tools come from); with AWS_OPERATIONS=DIR (make test sets it) also each function's role in SAM and
# Terraform against the AWS calls its code made in the tests
test-infra:
	infra/check.sh --strict $(if $(AWS_OPERATIONS),--aws-operations $(AWS_OPERATIONS))

# the loopback servers' tests (the Kestra fake), the local stack's tests, and LocalStackIT: the sample
# logs through the packaged application under the AWS runtime client, approved, one Kestra execution
test-local: build
	$(MVN) -f local/servers/pom.xml install
	$(MVN) -f local/pom.xml verify -DskipITs=false

# the analyst console in real headless Chromium (Debian's chromium; CHROMIUM to change) against the
# local stack, started by the tests as `make run` starts it on a free SOC_PORT; screenshots in
# target/console/
test-console: build
	cd src/main/webui && node --test --test-concurrency=1 test/*.test.mjs

# Every bench `make bench` runs, in this order (bench/README.md: what each measures, and how to run one
# alone), as KIND:NAME[=ARGUMENT]. Where each lives follows from what it needs:
#   main     a main of the application's test class path (src/test/java/dev/soctriage/bench: the
#            application's classes and the tests' corpus), through exec:java
#   quarkus  @QuarkusTest benches (the same folder: they need the application under test, so they stay in
#            its test tree), on with -Dsoc.bench=true; classes joined by a comma share one Maven run, each
#            writes target/<its name in kebab-case>.md, printed after it; the run's log is in target/
#   heap     a main of the application's test class path in a 512 MB Lambda's heap (-Xmx435m)
#   stack    the whole-process benches of bench/ (dev.soctriage.bench.stack), on the local stack's class path
#   node     the console's bench (bench/console-bench.mjs), headless Chromium against the local stack
# PipelineBench: decode+parse+group throughput and model calls saved. QueueBench: the queue's size for the
# mixed batch in 12 deliveries against dynalite. VolumeBench: triage at volume with the model stubbed at
# 300 ms (calls, memory, prompt size, latency, model down, 200,000 dissimilar lines). ThreatMemoryBench and
# ThreatMemoryOffBench: a model that confirms threats, two hours of attacks from new addresses, memory on and
# off. HeapBench: peak heap of a 200 MB S3 object. LatencyBench: the local stack's line-to-listed-verdict
# latency. ColdStart: the functions' cold starts. StartProfile: where each start goes (Quarkus's start-up
# steps, as deployed). console-bench.mjs: the console's first view weight and queue render time.
# Then `make reallogs` over the real-log folder when there is one.
BENCHES := main:PipelineBench quarkus:QueueBench quarkus:VolumeBench quarkus:ThreatMemoryBench,ThreatMemoryOffBench \
	heap:HeapBench=200 stack:LatencyBench stack:ColdStart=5 stack:StartProfile node:bench/console-bench.mjs

# the whole-process benches (bench/, a Maven project of its own) compile against the local stack's jar,
# installed as built (install-file: not repackaged, so the trained start-up caches stay current)
BENCH_JAR := bench/target/soc-triage-bench.jar
BENCH_SOURCES := $(shell find bench -path '*/target' -prune -o -type f -print 2>/dev/null)

$(BENCH_JAR): $(LOCAL_JAR) $(BENCH_SOURCES) $(call listed,bench,$(BENCH_SOURCES))
	$(MVN) -q org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file -Dfile=$(LOCAL_JAR) -DpomFile=local/pom.xml
	$(MVN) -q -f bench/pom.xml package
	@touch $@

bench: build $(BENCH_JAR)
	@set -e; for b in $(BENCHES); do kind=$${b%%:*}; name=$${b#*:}; arg=; \
	  case $$name in *=*) arg=$${name#*=}; name=$${name%%=*};; esac; \
	  case $$kind in \
	  main) echo "$(MVN) -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.soctriage.bench.$$name"; \
	    $(MVN) -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.soctriage.bench.$$name;; \
	  quarkus) log=target/$$(echo "$${name%%,*}" | sed -E 's/([a-z])([A-Z])/\1-\2/g' | tr A-Z a-z).log; \
	    $(MVN) -q test -Dtest="$$name" -Dsoc.bench=true -Dsurefire.failIfNoSpecifiedTests=false \
	      >$$log 2>&1 || { tail -40 $$log; exit 1; }; \
	    for c in $${name//,/ }; do cat target/$$(echo "$$c" | sed -E 's/([a-z])([A-Z])/\1-\2/g' | tr A-Z a-z).md; done;; \
	  heap) $(MVN) -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test \
	      -Dmdep.outputFile=target/test-classpath.txt; \
	    java -Xmx435m -XX:+UseSerialGC -cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" \
	      dev.soctriage.bench.$$name $$arg;; \
	  stack) $(LOCAL_JAVA) -cp $(BENCH_JAR):$(LOCAL_JAR) dev.soctriage.bench.stack.$$name $$arg;; \
	  node) node $$name;; \
	  *) echo "bench: unknown kind $$kind in BENCHES ($$b)"; exit 2;; \
	  esac; done
	@if [ -d "$(REAL_LOGS)" ]; then $(MAKE) --no-print-directory reallogs DIR="$(REAL_LOGS)"; \
	  else echo "bench: no real-log folder found (REAL_LOGS, ../shared/real-logs, /work/shared/real-logs): reallogs not run"; fi

# real logs through the real pipeline (rules mode, deliveries of 1,000 lines, the local stack on dynalite): per
# file the lines per format, the lines of no known format, the verdicts with action, target and why
REAL_LOGS ?= $(firstword $(wildcard ../shared/real-logs /work/shared/real-logs))
.PHONY: reallogs payloads
reallogs: build
	@test -n "$(DIR)" || { echo "usage: make reallogs DIR=<folder of log files>"; exit 2; }
	@$(LOCAL_JAVA) -cp $(LOCAL_JAR) dev.soctriage.local.RealLogs "$(DIR)"

# web payloads, one class a folder of PAYLOADS, each sent by a client of its own among the real traffic of the
# access log BENIGN: the attackers proposed for block_ip per class, and the real clients (PAYLOADS_MISSED=1 lists misses)
payloads: build
	@test -n "$(PAYLOADS)" -a -n "$(BENIGN)" || { echo "usage: make payloads PAYLOADS=<folder of class folders> BENIGN=<access log>"; exit 2; }
	@$(LOCAL_JAVA) -cp $(LOCAL_JAR) dev.soctriage.local.Payloads "$(PAYLOADS)" "$(BENIGN)"
