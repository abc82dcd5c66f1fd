#!/usr/bin/env python3
"""Where Kafka Connect's CPU samples go, from a JFR recording (bench/connect-tune.sh TUNE_JFR=..., docs/benchmarks.md).

Usage: bench/jfr-summary.py recording.jfr [more.jfr ...]

Reads `jfr print --json --events jdk.ExecutionSample` and prints, per recording:
  - the samples per thread group (task thread, binlog reader, producer network thread, other);
  - the task thread's samples by stage, from the outermost frame that names one: Debezium's poll (queue hand-over),
    the transformations, the converter (key + value) and inside it: Connect -> Avro/JSON conversion, the registry
    client (schema lookup/registration), Avro/Jackson serialisation; the producer's send (record accumulation,
    compression);
  - the binlog reader's samples by package (binlog deserialisation vs Debezium building change events);
  - the 15 hottest methods (inclusive: on the stack) of the task thread.
JFR samples Java threads only: GC and JIT compiler threads are not in it (their CPU is in /proc, see the docs).
"""
import collections
import json
import subprocess
import sys


def frames_of(sample):
    st = sample["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames", []):
        m = f.get("method") or {}
        t = (m.get("type") or {}).get("name", "?")
        out.append(t + "." + m.get("name", "?"))
    return out  # leaf first


def thread_group(name):
    if name.startswith("task-thread-"):
        return "task thread (poll, convert, send)"
    if name.startswith("blc-"):
        return "binlog reader (blc-…)"
    if name.startswith("kafka-producer-network-thread"):
        return "producer network thread"
    return "other Java threads"


TASK_STAGES = [  # (marker on the stack, stage); the first marker found from the root wins
    ("KafkaProducer.send", "producer send (accumulate + compress)"),
    ("KafkaProducer.doSend", "producer send (accumulate + compress)"),
    ("TransformationChain", "transformations"),
    ("fromConnectData", "converter"),
    ("convertTransformedRecord", "converter"),
    ("BaseSourceTask.poll", "Debezium poll (queue)"),
    ("WorkerSourceTask.poll", "Debezium poll (queue)"),
    ("AbstractWorkerSourceTask.poll", "Debezium poll (queue)"),
]

CONVERTER_PARTS = [  # leaf-ward: the first marker from the leaf wins
    ("com.fasterxml.jackson", "Jackson (JSON text)"),
    ("org.apache.avro.io", "Avro binary encoding"),
    ("org.apache.avro.generic", "Avro binary encoding"),
    ("org.apache.avro", "Avro schema objects (hash/equals/build)"),
    ("SchemaResolver", "registry client (schema lookup)"),
    ("io.apicurio.registry.resolver", "registry client (schema lookup)"),
    ("io.apicurio.registry.rest", "registry client (schema lookup)"),
    ("AvroData", "Connect -> Avro conversion (AvroData)"),
    ("io.apicurio", "Apicurio serializer (other)"),
    ("org.apache.kafka.connect.json", "JsonConverter (Connect -> JSON tree)"),
    ("org.apache.kafka.connect.data", "Connect Struct/Schema"),
]


def part_of(frames, parts):
    for f in frames:  # leaf first
        for marker, part in parts:
            if marker in f:
                return part
    return "other"


def stage_of(frames):
    for f in reversed(frames):  # root first
        for marker, stage in TASK_STAGES:
            if marker in f:
                return stage
    return "other"


def summarize(path):
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    groups = collections.Counter()
    stages = collections.Counter()
    conv = collections.Counter()
    send = collections.Counter()
    binlog = collections.Counter()
    hot = collections.Counter()
    task_n = 0
    for e in events:
        name = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
        g = thread_group(name)
        groups[g] += 1
        fr = frames_of(e)
        if g.startswith("task thread"):
            task_n += 1
            s = stage_of(fr)
            stages[s] += 1
            if s == "converter":
                conv[part_of(fr, CONVERTER_PARTS)] += 1
            elif s.startswith("producer"):
                send[part_of(fr, [("zstd", "zstd compression"), ("org.apache.kafka.common.compress", "compression streams"),
                                  ("Serializer", "serializer"), ("RecordAccumulator", "record accumulator"),
                                  ("Metadata", "metadata wait")])] += 1
            for m in set(fr):
                hot[m] += 1
        elif g.startswith("binlog"):
            binlog[part_of(fr, [("com.github.shyiko.mysql.binlog.event.deserialization", "binlog event deserialisation"),
                                ("com.github.shyiko", "binlog client (I/O)"),
                                ("io.debezium.relational", "Debezium: row -> Struct (TableSchema)"),
                                ("io.debezium.connector", "Debezium: connector event handling"),
                                ("io.debezium", "Debezium: other (queue, dispatcher)")])] += 1
    total = sum(groups.values())
    pct = lambda n, d: f"{100.0 * n / d:.1f} %" if d else "-"
    print(f"## {path}: {total} execution samples")
    print("\n| thread | samples | share |\n|---|---|---|")
    for g, n in groups.most_common():
        print(f"| {g} | {n} | {pct(n, total)} |")
    print("\n| task thread: stage | samples | share of the task thread |\n|---|---|---|")
    for s, n in stages.most_common():
        print(f"| {s} | {n} | {pct(n, task_n)} |")
        if s == "converter":
            for p, m in conv.most_common():
                print(f"| — converter: {p} | {m} | {pct(m, task_n)} |")
        if s.startswith("producer"):
            for p, m in send.most_common():
                print(f"| — send: {p} | {m} | {pct(m, task_n)} |")
    bl = sum(binlog.values())
    print("\n| binlog reader | samples | share of that thread |\n|---|---|---|")
    for p, n in binlog.most_common():
        print(f"| {p} | {n} | {pct(n, bl)} |")
    print("\nTask thread, hottest methods (inclusive):")
    for m, n in hot.most_common(25):
        print(f"  {pct(n, task_n):>7}  {m}")
    print()


for p in sys.argv[1:]:
    summarize(p)
